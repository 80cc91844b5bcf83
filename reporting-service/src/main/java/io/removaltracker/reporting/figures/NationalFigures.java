package io.removaltracker.reporting.figures;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.removaltracker.events.WantedYears;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.Region;
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
 * <b>Exact under any delivery.</b> Each topic keeps a case's records in order (they share
 * a key, so a partition), and the feed reads each partition in order; what arrives out of
 * order is a copy of something already applied. So per case it is enough to remember the
 * sequence of the last case event applied and the case sequence of the last flag change
 * applied: anything at or below them is a copy and changes nothing. A case's state is the
 * one carried by its highest-sequence event. A flag change names the case event that
 * caused it, and those grow from one change to the next (monitoring-service makes at most
 * one per event), so a raise or an update arriving again after its clear is recognised as
 * such.
 * <p>
 * <b>Only what a figure needs, and closed contributions as counts.</b> A decade holds
 * about two million cases, most of them closed, and every one must stay recognisable for
 * good. Per case this keeps a number ({@link CaseNumbers}), the two sequences, the facts
 * the figures read packed into one {@code long} (open, stayed, custody, criminality,
 * region, conditions, and the nationality and team as indexes into the names seen), and
 * the current wanted spell while there is one; never the person or the event itself. What
 * can no longer change is counted at once and not kept: a removal (a removed case takes
 * no further events) in the removals by month, an established nationality in its total,
 * and each wanted spell's start and end in the monthly changes the trend adds up.
 * <p>
 * The figures themselves are counted at the instant asked about, because the duration
 * bands, the overdue reviews and the trend depend on the clock as well as on the events.
 * <p>
 * <b>Which topic says what.</b> Whether a case is wanted, since when, and when its review
 * is due come from {@code wanted-flags} alone; its team, nationality, custody and
 * openness from {@code case-events} alone. The review date is taken from the flags (a
 * raise and every update carry it) rather than worked out again from the case's
 * {@code REVIEW_COMPLETED} events: monitoring-service owns the review rule, so the
 * figures and the wanted list agree on who is overdue by construction, and a figure that
 * reads one fact from one topic cannot depend on how the two topics' partitions
 * interleave.
 */
public final class NationalFigures {

	private static final Custody[] CUSTODIES = Custody.values();

	private static final Criminality[] CRIMINALITIES = Criminality.values();

	private static final Region[] REGIONS = Region.values();

	private static final Condition[] CONDITIONS = Condition.values();

	private static final Status[] STATUSES = Status.values();

	private static final DurationBand[] BANDS = DurationBand.values();

	/** A case event has been applied: the other facts are the case's. */
	private static final long HAS_STATE = 1L;

	private static final long OPEN = 1L << 1;

	private static final long STAYED = 1L << 2;

	private static final int CUSTODY_SHIFT = 4;

	private static final int CRIMINALITY_SHIFT = 8;

	private static final int REGION_SHIFT = 12;

	/** Four bits for each enum above. */
	private static final int ENUM_MASK = 0xF;

	private static final int CONDITIONS_SHIFT = 16;

	/** One bit per condition. */
	private static final int CONDITIONS_MASK = 0xFF;

	private static final int NATIONALITY_SHIFT = 24;

	/** The team's index plus one; 0 when the case has none. */
	private static final int TEAM_SHIFT = 44;

	/** Twenty bits each for the nationality and the team. */
	private static final int NAME_MASK = (1 << 20) - 1;

	static {
		if (CUSTODIES.length > ENUM_MASK + 1 || CRIMINALITIES.length > ENUM_MASK + 1 || REGIONS.length > ENUM_MASK + 1
				|| CONDITIONS.length > Integer.bitCount(CONDITIONS_MASK)) {
			throw new IllegalStateException("An enum of the case state outgrew the bits the figures keep for it");
		}
	}

	private final CaseNumbers numbers = new CaseNumbers();

	/** Per case number: the sequence of the last case event applied, 0 for none. */
	private int[] sequences = new int[1024];

	/** Per case number: the case sequence of the last flag change applied, 0 for none. */
	private int[] flagSequences = new int[1024];

	/** Per case number: what the figures read of its state, packed. */
	private long[] facts = new long[1024];

	/** Per case number: its wanted spell now, null when it is not wanted. */
	private Spell[] spells = new Spell[1024];

	private final Names nationalities = new Names(NAME_MASK + 1);

	private final Names teams = new Names(NAME_MASK);

	private long nationalitiesEstablished;

	private long removedTotal;

	private final TreeMap<YearMonth, Long> removedByMonth = new TreeMap<>();

	/**
	 * The wanted trend as changes: each spell adds one in the month it began and takes
	 * one off in the month it ended.
	 */
	private final TreeMap<YearMonth, Long> trendChanges = new TreeMap<>();

	/** A spell a case is wanted now, as its latest raise or update left it. */
	private record Spell(Instant since, Instant reviewDue, Criminality criminality) {

		static Spell of(WantedFlagEvent flag) {
			return new Spell(flag.getWantedSince(), NationalFigures.reviewDue(flag), flag.getCriminality());
		}

	}

	/**
	 * Takes a canonical event; an event at or below the sequence the case has is a copy
	 * and changes nothing.
	 */
	public synchronized void apply(CaseEvent event) {
		int number = number(event.getCaseId());
		int sequence = Math.toIntExact(event.getSequence());
		if (sequence <= this.sequences[number]) {
			return;
		}
		this.sequences[number] = sequence;
		if (event.getType() == CaseEventType.NATIONALITY_ESTABLISHED) {
			this.nationalitiesEstablished++;
		}
		else if (event.getType() == CaseEventType.REMOVED) {
			this.removedTotal++;
			this.removedByMonth.merge(month(event.getOccurredAt()), 1L, Long::sum);
		}
		this.facts[number] = facts(event.getCase$());
	}

	/**
	 * Takes a flag change. A raise or an update (the case is still wanted, with a new
	 * nationality, team or review date) becomes the case's spell; a clear ends it for
	 * good. A change at or below the case sequence of the last one applied is a copy: the
	 * same change twice, an older change after a newer one, or a raise after its clear
	 * changes nothing.
	 */
	public synchronized void apply(WantedFlagEvent flag) {
		int number = number(flag.getCaseId());
		int caseSequence = Math.toIntExact(flag.getCaseSequence());
		if (caseSequence <= this.flagSequences[number]) {
			return;
		}
		this.flagSequences[number] = caseSequence;
		Spell current = this.spells[number];
		boolean sameSpell = current != null && current.since().equals(flag.getWantedSince());
		if (!sameSpell) {
			this.trendChanges.merge(month(flag.getWantedSince()), 1L, Long::sum);
		}
		if (flag.getType() == WantedFlagEventType.WANTED_FLAG_CLEARED && flag.getClearedAt() != null) {
			// A clear inside a month is always at or before its last instant.
			this.trendChanges.merge(month(flag.getClearedAt()), -1L, Long::sum);
			if (sameSpell) {
				this.spells[number] = null;
			}
		}
		else if (current == null || !flag.getWantedSince().isBefore(current.since())) {
			this.spells[number] = Spell.of(flag);
		}
	}

	/** The figures at the instant {@code asOf}. */
	public synchronized StatsSnapshot snapshot(Instant asOf) {
		Counts counts = new Counts(asOf, this.nationalities.size(), this.teams.size());
		for (int number = 0; number < this.numbers.size(); number++) {
			long facts = this.facts[number];
			Spell spell = this.spells[number];
			if (spell != null) {
				counts.wanted(spell, (facts & HAS_STATE) == 0 || team(facts) < 0);
			}
			if ((facts & (HAS_STATE | OPEN)) == (HAS_STATE | OPEN)) {
				counts.open(facts, spell);
			}
		}
		Map<String, Long> removedByMonth = new TreeMap<>();
		this.removedByMonth.forEach((month, count) -> removedByMonth.put(month.toString(), count));
		return StatsSnapshot.newBuilder()
			.setAsOf(asOf)
			.setOpenCases(counts.open)
			.setByStatus(counts.named(STATUSES, counts.byStatus))
			.setStayed(counts.stayed)
			.setSupervision(counts.named(CONDITIONS, counts.supervision))
			.setWanted(WantedFigures.newBuilder()
				.setTotal(counts.wantedTotal)
				.setSeriousCriminality(counts.wantedSerious)
				.setByDuration(counts.named(BANDS, counts.byDuration))
				.setOverdueReview(counts.wantedOverdue)
				.setUnassigned(counts.wantedUnassigned)
				.build())
			.setByCriminality(counts.byCriminality.figures(Arrays.asList(CRIMINALITIES)))
			.setByNationality(counts.byNationality.figures(this.nationalities.names))
			.setByRegion(counts.byRegion.figures(Arrays.asList(REGIONS)))
			.setRemoved(new RemovedFigures(this.removedTotal, removedByMonth))
			.setWantedTrend(trend(asOf))
			.setByTeam(counts.byTeam(this.teams.names))
			.setNationalityEstablished(new NationalityEstablishedFigures(this.nationalitiesEstablished))
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

	/** The case's number, with room in every per-case array for it. */
	private int number(String caseId) {
		int number = this.numbers.numberOf(caseId);
		if (number == this.sequences.length) {
			int length = number + (number >> 1);
			this.sequences = Arrays.copyOf(this.sequences, length);
			this.flagSequences = Arrays.copyOf(this.flagSequences, length);
			this.facts = Arrays.copyOf(this.facts, length);
			this.spells = Arrays.copyOf(this.spells, length);
		}
		return number;
	}

	private long facts(CaseState state) {
		long facts = HAS_STATE;
		if (state.getOpen()) {
			facts |= OPEN;
		}
		if (state.getStayed()) {
			facts |= STAYED;
		}
		facts |= (long) state.getCustody().ordinal() << CUSTODY_SHIFT;
		facts |= (long) state.getCriminality().ordinal() << CRIMINALITY_SHIFT;
		facts |= (long) state.getRegion().ordinal() << REGION_SHIFT;
		for (Condition condition : state.getConditions()) {
			facts |= 1L << (CONDITIONS_SHIFT + condition.ordinal());
		}
		facts |= (long) this.nationalities.indexOf(state.getNationality()) << NATIONALITY_SHIFT;
		if (state.getTeam() != null) {
			facts |= (long) (this.teams.indexOf(state.getTeam()) + 1) << TEAM_SHIFT;
		}
		return facts;
	}

	/** The team's index, -1 when the case has none. */
	private static int team(long facts) {
		return (int) ((facts >>> TEAM_SHIFT) & NAME_MASK) - 1;
	}

	/**
	 * Cases wanted at the last instant of each month (UTC), from the month of the first
	 * flag to {@code asOf}'s month: a case counts for a month when it became wanted at or
	 * before the month's end and was not cleared by then.
	 */
	private Map<String, Long> trend(Instant asOf) {
		YearMonth last = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
		Map<String, Long> trend = new TreeMap<>();
		if (this.trendChanges.isEmpty() || this.trendChanges.firstKey().isAfter(last)) {
			return trend;
		}
		long wanted = 0;
		for (YearMonth month = this.trendChanges.firstKey(); !month.isAfter(last); month = month.plusMonths(1)) {
			wanted += this.trendChanges.getOrDefault(month, 0L);
			trend.put(month.toString(), wanted);
		}
		return trend;
	}

	private static YearMonth month(Instant instant) {
		return YearMonth.from(instant.atZone(ZoneOffset.UTC));
	}

	/**
	 * The distinct values of a text field of the case state (nationalities, teams), each
	 * kept once and numbered in the order first seen.
	 */
	private static final class Names {

		private final int limit;

		final List<String> names = new ArrayList<>();

		private final Map<String, Integer> indexes = new HashMap<>();

		Names(int limit) {
			this.limit = limit;
		}

		int indexOf(String name) {
			Integer index = this.indexes.get(name);
			if (index != null) {
				return index;
			}
			if (this.names.size() == this.limit) {
				throw new IllegalStateException("More than " + this.limit + " distinct values of one case field");
			}
			this.names.add(name);
			this.indexes.put(name, this.names.size() - 1);
			return this.names.size() - 1;
		}

		int size() {
			return this.names.size();
		}

	}

	/** Open and wanted counts by the index of a name or an enum constant. */
	private static final class OpenAndWantedCounts {

		final long[] open;

		final long[] wanted;

		OpenAndWantedCounts(int size) {
			this.open = new long[size];
			this.wanted = new long[size];
		}

		void add(int index, boolean isWanted) {
			this.open[index]++;
			if (isWanted) {
				this.wanted[index]++;
			}
		}

		/** Those with at least one open case, by name. */
		Map<String, OpenAndWanted> figures(List<?> names) {
			Map<String, OpenAndWanted> figures = new TreeMap<>();
			for (int i = 0; i < this.open.length; i++) {
				if (this.open[i] > 0) {
					figures.put(names.get(i).toString(), new OpenAndWanted(this.open[i], this.wanted[i]));
				}
			}
			return figures;
		}

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

		final long[] byStatus = new long[STATUSES.length];

		final long[] supervision = new long[CONDITIONS.length];

		final long[] byDuration = new long[BANDS.length];

		final OpenAndWantedCounts byCriminality = new OpenAndWantedCounts(CRIMINALITIES.length);

		final OpenAndWantedCounts byNationality;

		final OpenAndWantedCounts byRegion = new OpenAndWantedCounts(REGIONS.length);

		final OpenAndWantedCounts byTeam;

		final long[] teamOverdue;

		Counts(Instant asOf, int nationalities, int teams) {
			this.asOf = asOf;
			this.byNationality = new OpenAndWantedCounts(nationalities);
			this.byTeam = new OpenAndWantedCounts(teams);
			this.teamOverdue = new long[teams];
		}

		/**
		 * {@code wanted.*}: every case wanted now, by criminality, by how long (whole
		 * years), whether its review is overdue (due before {@code asOf}), and whether it
		 * has no team.
		 */
		void wanted(Spell spell, boolean unassigned) {
			this.wantedTotal++;
			if (spell.criminality() == Criminality.SERIOUS) {
				this.wantedSerious++;
			}
			this.byDuration[DurationBand.of(spell.since(), this.asOf).ordinal()]++;
			if (overdue(spell)) {
				this.wantedOverdue++;
			}
			if (unassigned) {
				this.wantedUnassigned++;
			}
		}

		boolean overdue(Spell spell) {
			return spell.reviewDue().isBefore(this.asOf);
		}

		/**
		 * An open case, by status (a wanted case counts as WANTED, the others by
		 * custody), stayed, under supervision (not wanted, in the community, by
		 * condition), by criminality, current nationality and region, and by team when it
		 * has one. {@code spell} is the case's wanted spell, null when it is not wanted.
		 */
		void open(long facts, Spell spell) {
			boolean wanted = spell != null;
			Custody custody = CUSTODIES[(int) (facts >>> CUSTODY_SHIFT) & ENUM_MASK];
			this.open++;
			this.byStatus[Status.of(custody, wanted).ordinal()]++;
			if ((facts & STAYED) != 0) {
				this.stayed++;
			}
			if (!wanted && custody == Custody.IN_COMMUNITY) {
				int conditions = (int) (facts >>> CONDITIONS_SHIFT) & CONDITIONS_MASK;
				for (int i = 0; i < CONDITIONS.length; i++) {
					if ((conditions & (1 << i)) != 0) {
						this.supervision[i]++;
					}
				}
			}
			this.byCriminality.add((int) (facts >>> CRIMINALITY_SHIFT) & ENUM_MASK, wanted);
			this.byNationality.add((int) (facts >>> NATIONALITY_SHIFT) & NAME_MASK, wanted);
			this.byRegion.add((int) (facts >>> REGION_SHIFT) & ENUM_MASK, wanted);
			int team = team(facts);
			if (team >= 0) {
				this.byTeam.add(team, wanted);
				if (wanted && overdue(spell)) {
					this.teamOverdue[team]++;
				}
			}
		}

		/** The counts above zero, by the constant's name. */
		Map<String, Long> named(Enum<?>[] keys, long[] counts) {
			Map<String, Long> named = new TreeMap<>();
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] > 0) {
					named.put(keys[i].name(), counts[i]);
				}
			}
			return named;
		}

		/** Each team with at least one open case. */
		Map<String, TeamFigures> byTeam(List<String> teams) {
			Map<String, TeamFigures> byTeam = new TreeMap<>();
			for (int i = 0; i < this.byTeam.open.length; i++) {
				if (this.byTeam.open[i] > 0) {
					byTeam.put(teams.get(i),
							new TeamFigures(this.byTeam.open[i], this.byTeam.wanted[i], this.teamOverdue[i]));
				}
			}
			return byTeam;
		}

	}

}
