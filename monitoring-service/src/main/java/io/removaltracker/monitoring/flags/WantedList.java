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
 * The wanted list from each case's last flag change: the cases whose last change raised a
 * flag, filtered, oldest {@code wantedSince} first (then by caseId, so pages are stable),
 * paged.
 */
public final class WantedList {

	/** One wanted case; {@code reviewDue} is beyond the contract, for officers. */
	public record Entry(String caseId, Instant wantedSince, String reason, Criminality criminality, String nationality,
			Region region, Instant reviewDue) {

		static Entry of(WantedFlagEvent flag) {
			return new Entry(flag.getCaseId(), flag.getWantedSince(), flag.getReason().name(), flag.getCriminality(),
					flag.getNationality(), flag.getRegion(),
					ReviewSchedule.reviewDue(flag.getWantedSince(), flag.getCriminality()));
		}

	}

	/** Filters (null: any) and the page asked for. */
	public record Query(Criminality criminality, Region region, String nationality, Integer minYears,
			boolean overdueReview, int page, int size) {
	}

	public record Page(long total, List<Entry> items) {
	}

	private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing(Entry::wantedSince)
		.thenComparing(Entry::caseId);

	private WantedList() {
	}

	public static Page find(Iterable<WantedFlagEvent> lastChanges, Query query, Instant now) {
		List<Entry> matching = new ArrayList<>();
		for (WantedFlagEvent flag : lastChanges) {
			if (isWanted(flag) && matches(flag, query, now)) {
				matching.add(Entry.of(flag));
			}
		}
		matching.sort(OLDEST_FIRST);
		long from = (long) query.page() * query.size();
		List<Entry> items = (from >= matching.size()) ? List.of()
				: matching.subList((int) from, (int) Math.min(matching.size(), from + query.size()));
		return new Page(matching.size(), List.copyOf(items));
	}

	public static Optional<Entry> entry(WantedFlagEvent lastChange) {
		return isWanted(lastChange) ? Optional.of(Entry.of(lastChange)) : Optional.empty();
	}

	/**
	 * Wanted now: the case's last flag change left its spell open (raised, not cleared).
	 */
	public static boolean isWanted(WantedFlagEvent lastChange) {
		return lastChange != null && WantedSpells.isOpen(lastChange.getWantedSince(), lastChange.getClearedAt());
	}

	private static boolean matches(WantedFlagEvent flag, Query query, Instant now) {
		return (query.criminality() == null || query.criminality() == flag.getCriminality())
				&& (query.region() == null || query.region() == flag.getRegion())
				&& (query.nationality() == null || query.nationality().equals(flag.getNationality()))
				&& (query.minYears() == null || WantedYears.atLeast(flag.getWantedSince(), query.minYears(), now))
				&& (!query.overdueReview()
						|| ReviewSchedule.overdue(flag.getWantedSince(), flag.getCriminality(), now));
	}

}
