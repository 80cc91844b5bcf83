package io.removaltracker.reporting.figures;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.removaltracker.events.WantedSpells;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.stats.OpenAndWanted;
import io.removaltracker.events.stats.RemovedFigures;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.stats.WantedFigures;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/**
 * Every figure of contract section 6, from what the two topics say about each case.
 * <p>
 * What is kept per case makes the figures exact under any delivery: the case's state is
 * the one carried by its highest-sequence event (a replayed or repeated older event
 * changes nothing), and its wanted periods are keyed by {@code wantedSince} (a raise
 * never undoes the clear of the same period). The figures themselves are counted at the
 * instant asked about, because the duration bands and the trend depend on the clock as
 * well as on the events.
 */
public final class NationalFigures {

	/** A case's state as its highest-sequence event left it, and when it was removed. */
	private record CaseRecord(long sequence, CaseState state, Instant removedAt) {
	}

	/** A period a case was wanted: {@code clearedAt} null while it lasts. */
	private record WantedPeriod(WantedFlagEvent raised, Instant clearedAt) {
	}

	private final Map<String, CaseRecord> cases = new HashMap<>();

	private final Map<String, NavigableMap<Instant, WantedPeriod>> wantedPeriods = new HashMap<>();

	/** Takes a canonical event; an event older than what the case has is ignored. */
	public synchronized void apply(CaseEvent event) {
		CaseRecord known = this.cases.get(event.getCaseId());
		if (known != null && known.sequence() >= event.getSequence()) {
			return;
		}
		Instant removedAt = (event.getType() == CaseEventType.REMOVED) ? event.getOccurredAt() : null;
		this.cases.put(event.getCaseId(), new CaseRecord(event.getSequence(), event.getCase$(), removedAt));
	}

	/**
	 * Takes a flag change; the same change twice, or a raise after its clear, changes
	 * nothing.
	 */
	public synchronized void apply(WantedFlagEvent flag) {
		NavigableMap<Instant, WantedPeriod> periods = this.wantedPeriods.computeIfAbsent(flag.getCaseId(),
				(caseId) -> new TreeMap<>());
		if (flag.getType() == WantedFlagEventType.WANTED_FLAG_RAISED) {
			periods.putIfAbsent(flag.getWantedSince(), new WantedPeriod(flag, null));
		}
		else {
			WantedPeriod raised = periods.get(flag.getWantedSince());
			periods.put(flag.getWantedSince(),
					new WantedPeriod((raised != null) ? raised.raised() : flag, flag.getClearedAt()));
		}
	}

	/** The figures at the instant {@code asOf}. */
	public synchronized StatsSnapshot snapshot(Instant asOf) {
		Counts counts = new Counts();
		Map<String, WantedFlagEvent> wantedNow = new HashMap<>();
		this.wantedPeriods.forEach((caseId, periods) -> periods.values()
			.stream()
			.filter((period) -> WantedSpells.isOpen(period.raised().getWantedSince(), period.clearedAt()))
			.reduce((first, second) -> second)
			.ifPresent((period) -> wantedNow.put(caseId, period.raised())));
		for (WantedFlagEvent raised : wantedNow.values()) {
			counts.wanted(raised, asOf);
		}
		this.cases.forEach(
				(caseId, record) -> counts.caseOf(record.state(), record.removedAt(), wantedNow.containsKey(caseId)));
		return StatsSnapshot.newBuilder()
			.setAsOf(asOf)
			.setOpenCases(counts.open)
			.setByStatus(counts.byStatus)
			.setStayed(counts.stayed)
			.setSupervision(counts.supervision)
			.setWanted(WantedFigures.newBuilder()
				.setTotal(counts.wantedTotal)
				.setSeriousCriminality(counts.wantedSerious)
				.setByDuration(counts.byDuration)
				.build())
			.setByCriminality(counts.byCriminality)
			.setByNationality(counts.byNationality)
			.setByRegion(counts.byRegion)
			.setRemoved(new RemovedFigures(counts.removedTotal, counts.removedByMonth))
			.setWantedTrend(trend(asOf))
			.build();
	}

	/**
	 * Cases wanted at the last instant of each month (UTC), from the month of the first
	 * flag to {@code asOf}'s month: a case counts for a month when it became wanted at or
	 * before the month's end and was not cleared by then.
	 */
	private Map<String, Long> trend(Instant asOf) {
		TreeMap<YearMonth, Long> changes = new TreeMap<>();
		YearMonth last = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
		for (NavigableMap<Instant, WantedPeriod> periods : this.wantedPeriods.values()) {
			for (WantedPeriod period : periods.values()) {
				YearMonth from = month(period.raised().getWantedSince());
				changes.merge(from, 1L, Long::sum);
				if (period.clearedAt() != null) {
					// A clear inside a month is always at or before its last instant.
					changes.merge(month(period.clearedAt()), -1L, Long::sum);
				}
			}
		}
		Map<String, Long> trend = new TreeMap<>();
		if (changes.isEmpty() || changes.firstKey().isAfter(last)) {
			return trend;
		}
		long wanted = 0;
		for (YearMonth month = changes.firstKey(); !month.isAfter(last); month = month.plusMonths(1)) {
			wanted += changes.getOrDefault(month, 0L);
			trend.put(month.toString(), wanted);
		}
		return trend;
	}

	private static YearMonth month(Instant instant) {
		return YearMonth.from(instant.atZone(ZoneOffset.UTC));
	}

	/**
	 * The counts of one snapshot; each figure's definition is in the method that counts
	 * it.
	 */
	private static final class Counts {

		long open;

		long stayed;

		long wantedTotal;

		long wantedSerious;

		long removedTotal;

		final Map<String, Long> byStatus = new TreeMap<>();

		final Map<String, Long> supervision = new TreeMap<>();

		final Map<String, Long> byDuration = new TreeMap<>();

		final Map<String, Long> removedByMonth = new TreeMap<>();

		final Map<String, OpenAndWanted> byCriminality = new TreeMap<>();

		final Map<String, OpenAndWanted> byNationality = new TreeMap<>();

		final Map<String, OpenAndWanted> byRegion = new TreeMap<>();

		/**
		 * {@code wanted.*}: every case wanted now, by criminality and by how long (whole
		 * years).
		 */
		void wanted(WantedFlagEvent raised, Instant asOf) {
			this.wantedTotal++;
			if (raised.getCriminality() == Criminality.SERIOUS) {
				this.wantedSerious++;
			}
			this.byDuration.merge(DurationBand.of(raised.getWantedSince(), asOf).name(), 1L, Long::sum);
		}

		/**
		 * Open cases by status (a wanted case counts as WANTED, the others by custody),
		 * stayed, under supervision (not wanted, in the community, by condition), and by
		 * criminality, nationality and region; removals all time and by month of removal.
		 */
		void caseOf(CaseState state, Instant removedAt, boolean wanted) {
			if (removedAt != null) {
				this.removedTotal++;
				this.removedByMonth.merge(month(removedAt).toString(), 1L, Long::sum);
			}
			if (!state.getOpen()) {
				return;
			}
			this.open++;
			this.byStatus.merge(Status.of(state.getCustody(), wanted).name(), 1L, Long::sum);
			if (state.getStayed()) {
				this.stayed++;
			}
			if (!wanted && state.getCustody() == io.removaltracker.events.common.Custody.IN_COMMUNITY) {
				for (Condition condition : state.getConditions()) {
					this.supervision.merge(condition.name(), 1L, Long::sum);
				}
			}
			add(this.byCriminality, state.getCriminality().name(), wanted);
			add(this.byNationality, state.getNationality(), wanted);
			add(this.byRegion, state.getRegion().name(), wanted);
		}

		private static void add(Map<String, OpenAndWanted> figures, String key, boolean wanted) {
			OpenAndWanted current = figures.getOrDefault(key, new OpenAndWanted(0L, 0L));
			figures.put(key, new OpenAndWanted(current.getOpen() + 1, current.getWanted() + (wanted ? 1 : 0)));
		}

	}

}
