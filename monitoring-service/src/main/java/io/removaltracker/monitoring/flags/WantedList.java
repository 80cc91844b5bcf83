package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.removaltracker.events.WantedSpells;
import io.removaltracker.events.WantedYears;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.monitoring.rules.ReviewSchedule;

/**
 * The wanted list from each case's last flag change: the cases whose last change left a
 * flag up (raised or updated), filtered, oldest {@code wantedSince} first (then by
 * caseId, so pages are stable) or by priority, paged.
 */
public final class WantedList {

	/**
	 * One wanted case, with its current nationality and team (null when unassigned).
	 */
	public record Entry(String caseId, Instant wantedSince, String reason, Criminality criminality, String nationality,
			Region region, String team, Instant reviewDue) {

		static Entry of(WantedFlagEvent flag) {
			return new Entry(flag.getCaseId(), flag.getWantedSince(), flag.getReason().name(), flag.getCriminality(),
					flag.getNationality(), flag.getRegion(), flag.getTeam(), ReviewSchedule.reviewDue(flag));
		}

	}

	/** How the matching cases are ordered. */
	public enum Order {

		/** {@code wantedSince} ascending, then caseId. */
		OLDEST_FIRST,

		/**
		 * Overdue reviews first, then criminality SERIOUS, CRIMINAL, NONE, then oldest
		 * first.
		 */
		PRIORITY

	}

	/**
	 * Filters (null or false: any) and the page asked for; {@code unassigned} keeps the
	 * cases with no team.
	 */
	public record Query(Criminality criminality, Region region, String nationality, Integer minYears, String team,
			boolean unassigned, boolean overdueReview, Order order, int page, int size) {
	}

	public record Page(long total, List<Entry> items) {
	}

	static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing(Entry::wantedSince).thenComparing(Entry::caseId);

	static final List<Criminality> MOST_SERIOUS_FIRST = List.of(Criminality.SERIOUS, Criminality.CRIMINAL,
			Criminality.NONE);

	private WantedList() {
	}

	public static Page find(Iterable<WantedFlagEvent> lastChanges, Query query, Instant now) {
		List<Entry> matching = new ArrayList<>();
		for (WantedFlagEvent flag : lastChanges) {
			if (isWanted(flag)) {
				Entry entry = Entry.of(flag);
				if (matches(entry, query, now)) {
					matching.add(entry);
				}
			}
		}
		matching.sort((query.order() == Order.PRIORITY) ? priority(now) : OLDEST_FIRST);
		long from = (long) query.page() * query.size();
		List<Entry> items = (from >= matching.size()) ? List.of()
				: matching.subList((int) from, (int) Math.min(matching.size(), from + query.size()));
		return new Page(matching.size(), List.copyOf(items));
	}

	public static Optional<Entry> entry(WantedFlagEvent lastChange) {
		return isWanted(lastChange) ? Optional.of(Entry.of(lastChange)) : Optional.empty();
	}

	/**
	 * Wanted now: the case's last flag change left its spell open (raised or updated, not
	 * cleared).
	 */
	public static boolean isWanted(WantedFlagEvent lastChange) {
		return lastChange != null && WantedSpells.isOpen(lastChange.getWantedSince(), lastChange.getClearedAt());
	}

	static boolean matches(Entry entry, Query query, Instant now) {
		// The calendar arithmetic of minYears last: it is the only costly test.
		return (query.criminality() == null || query.criminality() == entry.criminality())
				&& (query.region() == null || query.region() == entry.region())
				&& (query.nationality() == null || query.nationality().equals(entry.nationality()))
				&& (query.team() == null || query.team().equals(entry.team()))
				&& (!query.unassigned() || entry.team() == null)
				&& (!query.overdueReview() || ReviewSchedule.overdue(entry.reviewDue(), now))
				&& (query.minYears() == null || WantedYears.atLeast(entry.wantedSince(), query.minYears(), now));
	}

	private static Comparator<Entry> priority(Instant now) {
		Comparator<Entry> overdueFirst = Comparator
			.comparing((Entry entry) -> !ReviewSchedule.overdue(entry.reviewDue(), now));
		return overdueFirst.thenComparing((entry) -> MOST_SERIOUS_FIRST.indexOf(entry.criminality()))
			.thenComparing(OLDEST_FIRST);
	}

}
