package io.removaltracker.reporting.figures;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import io.removaltracker.events.WantedSpells;
import io.removaltracker.events.WantedYears;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.stats.NationalityEstablishedFigures;
import io.removaltracker.events.stats.OpenAndWanted;
import io.removaltracker.events.stats.RemovedFigures;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.stats.TeamFigures;
import io.removaltracker.events.stats.WantedFigures;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/**
 * Every figure (docs/contract.md, Figures and Enforcement work), from what the two topics
 * say about each case.
 * <p>
 * What is kept per case makes the figures exact under any delivery: the case's state is
 * the one carried by its highest-sequence event (a replayed or repeated older event
 * changes nothing), its wanted periods are keyed by {@code wantedSince} (a raise or an
 * update never undoes the clear of the same period), and the established nationalities
 * are counted by the sequence of the event that established them. The figures themselves
 * are counted at the instant asked about, because the duration bands, the overdue reviews
 * and the trend depend on the clock as well as on the events.
 * <p>
 * <b>Which topic says what.</b> Whether a case is wanted, since when, and when its review
 * is due come from {@code wanted-flags} alone; its team, nationality, custody and
 * openness from {@code case-events} alone. The review date is taken from the flags (a
 * raise and every update carry it) rather than worked out again from the case's
 * {@code REVIEW_COMPLETED} events: monitoring-service owns the review rule, so the
 * figures and the wanted list agree on who is overdue by construction, and a figure that
 * reads one fact from one topic cannot depend on how the two topics' partitions
 * interleave. Within {@code wanted-flags} a case's records keep their order, and each
 * names the sequence of the case event that caused it, which grows through a wanted
 * period: the record with the highest sequence holds the period's current review date,
 * whatever arrives again later.
 */
public final class NationalFigures {

	/** A case's state as its highest-sequence event left it, and when it was removed. */
	private record CaseRecord(long sequence, CaseState state, Instant removedAt) {
	}

	/**
	 * A period a case was wanted: {@code latest} is its raise or latest update (the
	 * record with the highest case sequence; a clear when the clear came first), and
	 * {@code clearedAt} is null while the period lasts.
	 */
	private record WantedPeriod(WantedFlagEvent latest, Instant clearedAt) {
	}

	private final Map<String, CaseRecord> cases = new HashMap<>();

	private final Map<String, NavigableMap<Instant, WantedPeriod>> wantedPeriods = new HashMap<>();

	/**
	 * The sequences of each case's {@code NATIONALITY_ESTABLISHED} events: a set, so an
	 * event counts once however often it arrives and in whatever order.
	 */
	private final Map<String, Set<Long>> nationalitiesEstablished = new HashMap<>();

	/** Takes a canonical event; an event older than what the case has is ignored. */
	public synchronized void apply(CaseEvent event) {
		if (event.getType() == CaseEventType.NATIONALITY_ESTABLISHED) {
			this.nationalitiesEstablished.computeIfAbsent(event.getCaseId(), (caseId) -> new HashSet<>(2))
				.add(event.getSequence());
		}
		CaseRecord known = this.cases.get(event.getCaseId());
		if (known != null && known.sequence() >= event.getSequence()) {
			return;
		}
		Instant removedAt = (event.getType() == CaseEventType.REMOVED) ? event.getOccurredAt() : null;
		this.cases.put(event.getCaseId(), new CaseRecord(event.getSequence(), event.getCase$(), removedAt));
	}

	/**
	 * Takes a flag change. A raise or an update (the case is still wanted, with a new
	 * nationality, team or review date) replaces what its period holds only when it was
	 * caused by a later case event; a clear ends the period for good. So the same change
	 * twice, an older change after a newer one, or a raise after its clear changes
	 * nothing.
	 */
	public synchronized void apply(WantedFlagEvent flag) {
		NavigableMap<Instant, WantedPeriod> periods = this.wantedPeriods.computeIfAbsent(flag.getCaseId(),
				(caseId) -> new TreeMap<>());
		WantedPeriod known = periods.get(flag.getWantedSince());
		if (flag.getType() == WantedFlagEventType.WANTED_FLAG_CLEARED) {
			periods.put(flag.getWantedSince(),
					new WantedPeriod((known != null) ? known.latest() : flag, flag.getClearedAt()));
		}
		else if (known == null) {
			periods.put(flag.getWantedSince(), new WantedPeriod(flag, null));
		}
		else if (flag.getCaseSequence() > known.latest().getCaseSequence()) {
			periods.put(flag.getWantedSince(), new WantedPeriod(flag, known.clearedAt()));
		}
	}

	/** The figures at the instant {@code asOf}. */
	public synchronized StatsSnapshot snapshot(Instant asOf) {
		Counts counts = new Counts(asOf);
		Map<String, WantedFlagEvent> wantedNow = new HashMap<>();
		this.wantedPeriods.forEach((caseId, periods) -> periods.values()
			.stream()
			.filter((period) -> WantedSpells.isOpen(period.latest().getWantedSince(), period.clearedAt()))
			.reduce((first, second) -> second)
			.ifPresent((period) -> wantedNow.put(caseId, period.latest())));
		wantedNow.forEach((caseId, flag) -> {
			CaseRecord record = this.cases.get(caseId);
			counts.wanted(flag, (record != null) ? record.state().getTeam() : null);
		});
		this.cases
			.forEach((caseId, record) -> counts.caseOf(record.state(), record.removedAt(), wantedNow.get(caseId)));
		long established = this.nationalitiesEstablished.values().stream().mapToLong(Set::size).sum();
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
				.setOverdueReview(counts.wantedOverdue)
				.setUnassigned(counts.wantedUnassigned)
				.build())
			.setByCriminality(counts.byCriminality)
			.setByNationality(counts.byNationality)
			.setByRegion(counts.byRegion)
			.setRemoved(new RemovedFigures(counts.removedTotal, counts.removedByMonth))
			.setWantedTrend(trend(asOf))
			.setByTeam(counts.byTeam)
			.setNationalityEstablished(new NationalityEstablishedFigures(established))
			.build();
	}

	/**
	 * When the review of a case wanted under this flag is due. Records written before
	 * review dates existed carry none; no review could have been completed then, so the
	 * due date is the first one: a year after {@code wantedSince} for SERIOUS and
	 * CRIMINAL cases, three for the others (docs/contract.md, Enforcement work).
	 */
	static Instant reviewDue(WantedFlagEvent flag) {
		if (flag.getReviewDue() != null) {
			return flag.getReviewDue();
		}
		return WantedYears.plusYears(flag.getWantedSince(), (flag.getCriminality() == Criminality.NONE) ? 3 : 1);
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
				YearMonth from = month(period.latest().getWantedSince());
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

		final Instant asOf;

		long open;

		long stayed;

		long wantedTotal;

		long wantedSerious;

		long wantedOverdue;

		long wantedUnassigned;

		long removedTotal;

		final Map<String, Long> byStatus = new TreeMap<>();

		final Map<String, Long> supervision = new TreeMap<>();

		final Map<String, Long> byDuration = new TreeMap<>();

		final Map<String, Long> removedByMonth = new TreeMap<>();

		final Map<String, OpenAndWanted> byCriminality = new TreeMap<>();

		final Map<String, OpenAndWanted> byNationality = new TreeMap<>();

		final Map<String, OpenAndWanted> byRegion = new TreeMap<>();

		final Map<String, TeamFigures> byTeam = new TreeMap<>();

		Counts(Instant asOf) {
			this.asOf = asOf;
		}

		/**
		 * {@code wanted.*}: every case wanted now, by criminality, by how long (whole
		 * years), whether its review is overdue (due before {@code asOf}), and whether it
		 * has no team.
		 */
		void wanted(WantedFlagEvent flag, String team) {
			this.wantedTotal++;
			if (flag.getCriminality() == Criminality.SERIOUS) {
				this.wantedSerious++;
			}
			this.byDuration.merge(DurationBand.of(flag.getWantedSince(), this.asOf).name(), 1L, Long::sum);
			if (overdue(flag)) {
				this.wantedOverdue++;
			}
			if (team == null) {
				this.wantedUnassigned++;
			}
		}

		boolean overdue(WantedFlagEvent flag) {
			return reviewDue(flag).isBefore(this.asOf);
		}

		/**
		 * Open cases by status (a wanted case counts as WANTED, the others by custody),
		 * stayed, under supervision (not wanted, in the community, by condition), by
		 * criminality, current nationality and region, and by team when it has one;
		 * removals all time and by month of removal. {@code wantedFlag} is the case's
		 * current flag, null when it is not wanted.
		 */
		void caseOf(CaseState state, Instant removedAt, WantedFlagEvent wantedFlag) {
			boolean wanted = wantedFlag != null;
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
			if (state.getTeam() != null) {
				TeamFigures team = this.byTeam.getOrDefault(state.getTeam(), new TeamFigures(0L, 0L, 0L));
				this.byTeam.put(state.getTeam(),
						new TeamFigures(team.getOpen() + 1, team.getWanted() + (wanted ? 1 : 0),
								team.getOverdueReview() + ((wanted && overdue(wantedFlag)) ? 1 : 0)));
			}
		}

		private static void add(Map<String, OpenAndWanted> figures, String key, boolean wanted) {
			OpenAndWanted current = figures.getOrDefault(key, new OpenAndWanted(0L, 0L));
			figures.put(key, new OpenAndWanted(current.getOpen() + 1, current.getWanted() + (wanted ? 1 : 0)));
		}

	}

}
