package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.monitoring.rules.ReviewSchedule;

/**
 * The cases wanted now, held in memory in the wanted list's orders, so a page and the
 * gauge read it instead of copying and decoding the whole global table on each request.
 * It mirrors the table exactly: {@link WantedListUpdater} rebuilds it from the table each
 * time the table is opened (after a restart, a restore or a wipe) and then applies every
 * change it writes to the table, in the same thread. A page gives the same answer as
 * {@link WantedList#find} over the table.
 * <p>
 * Each wanted case is kept oldest first in several sets: all of them, and one set per
 * criminality, region, nationality and team (and one of the unassigned). A query walks
 * only the smallest set its filters name, so a filter on a region looks at that region's
 * cases, not the country's. When that set is exactly the answer (one such filter, no
 * filter on time), the count is the set's size and an oldest-first page stops once it is
 * full. The priority order sorts nothing either: one walk, oldest first, drops each match
 * into one of six groups (overdue or not, by criminality), each holding no more than the
 * page can reach.
 */
public final class WantedIndex {

	/** A criminality's place in the priority order, by ordinal. */
	private static final int[] RANK = new int[Criminality.values().length];

	static {
		for (Criminality criminality : Criminality.values()) {
			RANK[criminality.ordinal()] = WantedList.MOST_SERIOUS_FIRST.indexOf(criminality);
		}
	}

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Map<String, WantedList.Entry> byKey = new HashMap<>();

	private final NavigableSet<WantedList.Entry> oldestFirst = new TreeSet<>(WantedList.OLDEST_FIRST);

	private final Map<Criminality, NavigableSet<WantedList.Entry>> byCriminality = new EnumMap<>(Criminality.class);

	private final Map<Region, NavigableSet<WantedList.Entry>> byRegion = new EnumMap<>(Region.class);

	private final Map<String, NavigableSet<WantedList.Entry>> byNationality = new HashMap<>();

	private final Map<String, NavigableSet<WantedList.Entry>> byTeam = new HashMap<>();

	private final NavigableSet<WantedList.Entry> unassigned = new TreeSet<>(WantedList.OLDEST_FIRST);

	private volatile int wantedNow;

	/** How many cases are wanted now. */
	public long wantedNow() {
		return this.wantedNow;
	}

	/** The page {@link WantedList#find} gives over the table this index mirrors. */
	public WantedList.Page find(WantedList.Query query, Instant now) {
		this.lock.readLock().lock();
		try {
			Candidates candidates = candidates(query);
			if (query.order() == WantedList.Order.PRIORITY) {
				return priorityPage(candidates.set(), query, now);
			}
			if (candidates.exact()) {
				return exactPage(candidates.set(), query);
			}
			PageCollector page = new PageCollector(query);
			for (WantedList.Entry entry : candidates.set()) {
				if (WantedList.matches(entry, query, now)) {
					page.add(entry);
				}
			}
			return page.page();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * The cases a query can match: the smallest set its filters name, and whether that
	 * set is exactly the answer.
	 */
	private Candidates candidates(WantedList.Query query) {
		List<NavigableSet<WantedList.Entry>> named = new ArrayList<>(5);
		if (query.criminality() != null) {
			named.add(this.byCriminality.getOrDefault(query.criminality(), Collections.emptyNavigableSet()));
		}
		if (query.region() != null) {
			named.add(this.byRegion.getOrDefault(query.region(), Collections.emptyNavigableSet()));
		}
		if (query.nationality() != null) {
			named.add(this.byNationality.getOrDefault(query.nationality(), Collections.emptyNavigableSet()));
		}
		if (query.team() != null) {
			named.add(this.byTeam.getOrDefault(query.team(), Collections.emptyNavigableSet()));
		}
		if (query.unassigned()) {
			named.add(this.unassigned);
		}
		NavigableSet<WantedList.Entry> smallest = this.oldestFirst;
		for (NavigableSet<WantedList.Entry> set : named) {
			if (set.size() < smallest.size()) {
				smallest = set;
			}
		}
		boolean onTime = query.minYears() != null || query.overdueReview();
		return new Candidates(smallest, named.size() <= 1 && !onTime);
	}

	/** Every case of the set matches: the count is its size, the page its slice. */
	private static WantedList.Page exactPage(NavigableSet<WantedList.Entry> set, WantedList.Query query) {
		long skip = (long) query.page() * query.size();
		List<WantedList.Entry> items = new ArrayList<>();
		if (skip < set.size()) {
			Iterator<WantedList.Entry> entries = set.iterator();
			for (long i = 0; i < skip; i++) {
				entries.next();
			}
			while (entries.hasNext() && items.size() < query.size()) {
				items.add(entries.next());
			}
		}
		return new WantedList.Page(set.size(), List.copyOf(items));
	}

	/**
	 * Overdue reviews first, then by criminality, most serious first, each group oldest
	 * first: the walk is oldest first, so each group fills in its own order.
	 */
	private static WantedList.Page priorityPage(NavigableSet<WantedList.Entry> set, WantedList.Query query,
			Instant now) {
		long skip = (long) query.page() * query.size();
		// No group needs more than the page's end: anything beyond it is past the page.
		long reach = skip + query.size();
		int criminalities = RANK.length;
		List<List<WantedList.Entry>> groups = new ArrayList<>(2 * criminalities);
		long[] counts = new long[2 * criminalities];
		for (int i = 0; i < 2 * criminalities; i++) {
			groups.add(new ArrayList<>());
		}
		for (WantedList.Entry entry : set) {
			if (WantedList.matches(entry, query, now)) {
				int group = (ReviewSchedule.overdue(entry.reviewDue(), now) ? 0 : criminalities)
						+ RANK[entry.criminality().ordinal()];
				if (counts[group] < reach) {
					groups.get(group).add(entry);
				}
				counts[group]++;
			}
		}
		List<WantedList.Entry> items = new ArrayList<>();
		long before = 0;
		for (int group = 0; group < groups.size() && items.size() < query.size(); group++) {
			List<WantedList.Entry> members = groups.get(group);
			long from = Math.max(0, skip - before);
			for (long i = from; i < members.size() && items.size() < query.size(); i++) {
				items.add(members.get((int) i));
			}
			before += counts[group];
		}
		long total = 0;
		for (long count : counts) {
			total += count;
		}
		return new WantedList.Page(total, List.copyOf(items));
	}

	/**
	 * Forgets everything and takes each key's last flag change from the table as it is
	 * now.
	 */
	void rebuild(Iterator<Map.Entry<String, WantedFlagEvent>> lastChanges) {
		// Under the write lock throughout: a reader waits for the whole table rather than
		// seeing part of it.
		this.lock.writeLock().lock();
		try {
			this.byKey.clear();
			this.oldestFirst.clear();
			this.byCriminality.clear();
			this.byRegion.clear();
			this.byNationality.clear();
			this.byTeam.clear();
			this.unassigned.clear();
			while (lastChanges.hasNext()) {
				Map.Entry<String, WantedFlagEvent> lastChange = lastChanges.next();
				put(lastChange.getKey(), lastChange.getValue());
			}
			this.wantedNow = this.byKey.size();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * The table's entry for this key is now this last flag change (null: the entry was
	 * deleted).
	 */
	void changed(String key, WantedFlagEvent lastChange) {
		this.lock.writeLock().lock();
		try {
			put(key, lastChange);
			this.wantedNow = this.byKey.size();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private void put(String key, WantedFlagEvent lastChange) {
		WantedList.Entry before = this.byKey.remove(key);
		if (before != null) {
			this.oldestFirst.remove(before);
			leave(this.byCriminality, before.criminality(), before);
			leave(this.byRegion, before.region(), before);
			leave(this.byNationality, before.nationality(), before);
			if (before.team() == null) {
				this.unassigned.remove(before);
			}
			else {
				leave(this.byTeam, before.team(), before);
			}
		}
		if (WantedList.isWanted(lastChange)) {
			WantedList.Entry after = WantedList.Entry.of(lastChange);
			this.byKey.put(key, after);
			this.oldestFirst.add(after);
			join(this.byCriminality, after.criminality(), after);
			join(this.byRegion, after.region(), after);
			join(this.byNationality, after.nationality(), after);
			if (after.team() == null) {
				this.unassigned.add(after);
			}
			else {
				join(this.byTeam, after.team(), after);
			}
		}
	}

	private static <K> void join(Map<K, NavigableSet<WantedList.Entry>> sets, K key, WantedList.Entry entry) {
		sets.computeIfAbsent(key, (absent) -> new TreeSet<>(WantedList.OLDEST_FIRST)).add(entry);
	}

	/** Takes the entry out of its set, and the set out of the map once it is empty. */
	private static <K> void leave(Map<K, NavigableSet<WantedList.Entry>> sets, K key, WantedList.Entry entry) {
		NavigableSet<WantedList.Entry> set = sets.get(key);
		if (set != null && set.remove(entry) && set.isEmpty()) {
			sets.remove(key);
		}
	}

	/** The set a query walks, and whether each of its cases matches the query. */
	private record Candidates(NavigableSet<WantedList.Entry> set, boolean exact) {
	}

	/**
	 * Counts every match and keeps those of the page asked for, copying nothing else.
	 */
	private static final class PageCollector {

		private final long skip;

		private final int size;

		private final List<WantedList.Entry> items = new ArrayList<>();

		private long total;

		PageCollector(WantedList.Query query) {
			this.skip = (long) query.page() * query.size();
			this.size = query.size();
		}

		void add(WantedList.Entry entry) {
			if (this.total >= this.skip && this.items.size() < this.size) {
				this.items.add(entry);
			}
			this.total++;
		}

		WantedList.Page page() {
			return new WantedList.Page(this.total, List.copyOf(this.items));
		}

	}

}
