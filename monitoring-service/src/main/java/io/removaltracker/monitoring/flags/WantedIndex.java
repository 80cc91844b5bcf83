package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.ArrayList;
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
 * Each wanted case is kept once per order it can be listed in: oldest first over all
 * cases, and oldest first within each criminality (the priority order walks those, most
 * serious first, once for overdue reviews and once for the rest). A filter still looks at
 * every case of the order it walks, but in memory, already decoded, and without sorting.
 */
public final class WantedIndex {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Map<String, WantedList.Entry> byKey = new HashMap<>();

	private final NavigableSet<WantedList.Entry> oldestFirst = new TreeSet<>(WantedList.OLDEST_FIRST);

	private final Map<Criminality, NavigableSet<WantedList.Entry>> oldestFirstByCriminality = new EnumMap<>(
			Criminality.class);

	private volatile int wantedNow;

	public WantedIndex() {
		for (Criminality criminality : Criminality.values()) {
			this.oldestFirstByCriminality.put(criminality, new TreeSet<>(WantedList.OLDEST_FIRST));
		}
	}

	/** How many cases are wanted now. */
	public long wantedNow() {
		return this.wantedNow;
	}

	/** The page {@link WantedList#find} gives over the table this index mirrors. */
	public WantedList.Page find(WantedList.Query query, Instant now) {
		PageCollector page = new PageCollector(query);
		this.lock.readLock().lock();
		try {
			if (query.order() == WantedList.Order.PRIORITY) {
				for (boolean overdue : new boolean[] { true, false }) {
					for (Criminality criminality : WantedList.MOST_SERIOUS_FIRST) {
						if (query.criminality() == null || query.criminality() == criminality) {
							for (WantedList.Entry entry : this.oldestFirstByCriminality.get(criminality)) {
								if (ReviewSchedule.overdue(entry.reviewDue(), now) == overdue
										&& WantedList.matches(entry, query, now)) {
									page.add(entry);
								}
							}
						}
					}
				}
			}
			else {
				Iterable<WantedList.Entry> order = (query.criminality() != null)
						? this.oldestFirstByCriminality.get(query.criminality()) : this.oldestFirst;
				for (WantedList.Entry entry : order) {
					if (WantedList.matches(entry, query, now)) {
						page.add(entry);
					}
				}
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
		return page.page();
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
			this.oldestFirstByCriminality.values().forEach(NavigableSet::clear);
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
			this.oldestFirstByCriminality.get(before.criminality()).remove(before);
		}
		if (WantedList.isWanted(lastChange)) {
			WantedList.Entry after = WantedList.Entry.of(lastChange);
			this.byKey.put(key, after);
			this.oldestFirst.add(after);
			this.oldestFirstByCriminality.get(after.criminality()).add(after);
		}
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
