package io.removaltracker.localstack.chaos;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.ReleasedFromPrison;
import io.removaltracker.events.intake.ReleasedOnConditions;

/**
 * The oracle: what the services must show for the traffic that was sent, counted by hand
 * from the definitions of docs/contract.md (Intake for custody and stays, Wanted flags
 * for the flags, Figures for the figures, Enforcement work for teams, reviews and
 * nationalities established). It deliberately shares no code with the services, nor with
 * the simulator's own bookkeeping of the cases it writes, so one mistake cannot hide in
 * both the thing checked and the check. It takes only events the contract accepts, in
 * each case's order, as the load generators write them.
 */
final class HandCount {

	/** One case as the contract's rules leave it after its events. */
	private static final class Case {

		String nationality;

		String criminality;

		String region;

		String custody;

		List<String> conditions = List.of();

		boolean stayed;

		boolean open;

		Instant wantedSince;

		Instant removedAt;

		/** Absent until the case is assigned (Enforcement work). */
		String team;

		/**
		 * Enforcement work: the latest of wantedSince and the reviews of the current
		 * spell; null while not wanted.
		 */
		Instant reviewedFrom;

		/**
		 * Every wanted spell: {@code [since, clearedAt]}, the second null while wanted.
		 */
		final List<Instant[]> spells = new ArrayList<>();

		final List<String> eventIds = new ArrayList<>();

		boolean wanted() {
			return this.wantedSince != null;
		}

	}

	private final Map<String, Case> cases = new LinkedHashMap<>();

	private long nationalitiesEstablished;

	/** Counts one accepted event; a case's events come in its order. */
	synchronized void add(IntakeEvent event) {
		Case facts = this.cases.computeIfAbsent(event.getCaseId(), (id) -> new Case());
		facts.eventIds.add(event.getEventId());
		Instant at = event.getOccurredAt();
		switch (event.getType()) {
			case CASE_OPENED -> {
				CaseOpened opened = (CaseOpened) event.getPayload();
				facts.nationality = opened.getNationality();
				facts.criminality = opened.getCriminality().name();
				facts.region = opened.getRegion().name();
				facts.custody = opened.getCustody().name();
				facts.conditions = names(opened.getConditions());
				facts.open = true;
			}
			case HEARING_MISSED -> {
				// Wanted flags: a missed hearing while in the community raises a
				// flag, unless one is up already.
				if ("IN_COMMUNITY".equals(facts.custody) && !facts.wanted()) {
					facts.wantedSince = at;
					facts.reviewedFrom = at;
					facts.spells.add(new Instant[] { at, null });
				}
			}
			case ARRESTED -> {
				facts.custody = "DETAINED";
				facts.conditions = List.of();
				clear(facts, at);
			}
			case IMPRISONED -> {
				facts.custody = "IN_PRISON";
				facts.conditions = List.of();
				clear(facts, at);
			}
			case RELEASED_FROM_PRISON -> {
				ReleasedFromPrison released = (ReleasedFromPrison) event.getPayload();
				facts.custody = released.getReleasedTo().name();
				facts.conditions = "IN_COMMUNITY".equals(facts.custody) ? names(released.getConditions()) : List.of();
			}
			case RELEASED_ON_CONDITIONS -> {
				facts.custody = "IN_COMMUNITY";
				facts.conditions = names(((ReleasedOnConditions) event.getPayload()).getConditions());
			}
			case REMOVAL_STAYED -> facts.stayed = true;
			case STAY_LIFTED -> facts.stayed = false;
			case REMOVED -> {
				facts.open = false;
				facts.removedAt = at;
				clear(facts, at);
			}
			case CASE_CLOSED -> {
				facts.open = false;
				clear(facts, at);
			}
			case NATIONALITY_ESTABLISHED -> {
				facts.nationality = ((NationalityEstablished) event.getPayload()).getNationality();
				this.nationalitiesEstablished++;
			}
			case ASSIGNED_TO_TEAM -> facts.team = ((AssignedToTeam) event.getPayload()).getTeam();
			case REVIEW_COMPLETED -> {
				// Enforcement work: a review counts only during a wanted spell, from the
				// latest of wantedSince and the reviews in it.
				if (facts.wanted() && at.isAfter(facts.reviewedFrom)) {
					facts.reviewedFrom = at;
				}
			}
			default -> {
				// Hearings scheduled and attended change nothing counted here.
			}
		}
	}

	/** Every event id sent, by case, in order. */
	synchronized Map<String, List<String>> eventIdsByCase() {
		Map<String, List<String>> ids = new LinkedHashMap<>();
		this.cases.forEach((caseId, facts) -> ids.put(caseId, List.copyOf(facts.eventIds)));
		return ids;
	}

	/** Cases wanted now (the wanted list's total). */
	synchronized long wantedNow() {
		return this.cases.values().stream().filter((facts) -> facts.open && facts.wanted()).count();
	}

	/**
	 * The figures (docs/contract.md, Figures) at {@code asOf}, as paths to counts
	 * ({@code wanted/byDuration/UNDER_1_YEAR}); every count not listed is zero.
	 */
	synchronized Map<String, Long> figures(Instant asOf) {
		Map<String, Long> figures = new TreeMap<>();
		if (this.nationalitiesEstablished > 0) {
			figures.put("nationalityEstablished/total", this.nationalitiesEstablished);
		}
		TreeSet<Instant> flagStarts = new TreeSet<>();
		for (Case facts : this.cases.values()) {
			facts.spells.forEach((spell) -> flagStarts.add(spell[0]));
			if (facts.removedAt != null) {
				add(figures, "removed/total");
				add(figures, "removed/byMonth/" + YearMonth.from(facts.removedAt.atZone(ZoneOffset.UTC)));
			}
			if (!facts.open) {
				continue;
			}
			boolean wanted = facts.wanted();
			add(figures, "openCases");
			add(figures, "byStatus/" + (wanted ? "WANTED" : facts.custody));
			if (facts.stayed) {
				add(figures, "stayed");
			}
			if (!wanted && "IN_COMMUNITY".equals(facts.custody)) {
				facts.conditions.forEach((condition) -> add(figures, "supervision/" + condition));
			}
			for (String[] group : new String[][] { { "byCriminality", facts.criminality },
					{ "byNationality", facts.nationality }, { "byRegion", facts.region } }) {
				add(figures, group[0] + "/" + group[1] + "/open");
				if (wanted) {
					add(figures, group[0] + "/" + group[1] + "/wanted");
				}
			}
			if (wanted) {
				add(figures, "wanted/total");
				if ("SERIOUS".equals(facts.criminality)) {
					add(figures, "wanted/seriousCriminality");
				}
				add(figures, "wanted/byDuration/" + duration(facts.wantedSince, asOf));
			}
			boolean overdue = wanted && overdue(facts, asOf);
			if (overdue) {
				add(figures, "wanted/overdueReview");
			}
			if (wanted && facts.team == null) {
				add(figures, "wanted/unassigned");
			}
			if (facts.team != null) {
				add(figures, "byTeam/" + facts.team + "/open");
				if (wanted) {
					add(figures, "byTeam/" + facts.team + "/wanted");
				}
				if (overdue) {
					add(figures, "byTeam/" + facts.team + "/overdueReview");
				}
			}
		}
		if (!flagStarts.isEmpty()) {
			YearMonth last = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
			for (YearMonth month = YearMonth.from(flagStarts.first().atZone(ZoneOffset.UTC)); !month
				.isAfter(last); month = month.plusMonths(1)) {
				// "Wanted at the last instant of the month": raised before the next month
				// began and not cleared before it.
				Instant nextMonth = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
				long wanted = 0;
				for (Case facts : this.cases.values()) {
					for (Instant[] spell : facts.spells) {
						if (spell[0].isBefore(nextMonth) && (spell[1] == null || !spell[1].isBefore(nextMonth))) {
							wanted++;
						}
					}
				}
				figures.put("wantedTrend/" + month, wanted);
			}
		}
		return figures;
	}

	/**
	 * Where the figures a service shows differ from the hand count: each as
	 * {@code path: expected N, shown M}; empty when they agree. A count a service leaves
	 * out is zero, as the contract allows.
	 */
	static List<String> differences(Map<String, Long> expected, JsonNode shown) {
		Map<String, Long> actual = new TreeMap<>();
		flatten("", shown, actual);
		actual.remove("asOf");
		TreeSet<String> paths = new TreeSet<>(expected.keySet());
		paths.addAll(actual.keySet());
		List<String> differences = new ArrayList<>();
		for (String path : paths) {
			long want = expected.getOrDefault(path, 0L);
			long got = actual.getOrDefault(path, 0L);
			if (want != got) {
				differences.add(path + ": expected " + want + ", shown " + got);
			}
		}
		return differences;
	}

	private static void flatten(String prefix, JsonNode node, Map<String, Long> into) {
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				flatten(prefix.isEmpty() ? field.getKey() : prefix + "/" + field.getKey(), field.getValue(), into);
			}
		}
		else if (node.isNumber()) {
			into.put(prefix, node.asLong());
		}
	}

	/**
	 * Figures: wanted at least N years when wantedSince plus N calendar years is at or
	 * before asOf.
	 */
	private static String duration(Instant wantedSince, Instant asOf) {
		ZonedDateTime since = wantedSince.atZone(ZoneOffset.UTC);
		int years = 0;
		while (years < 3 && !since.plusYears(years + 1).toInstant().isAfter(asOf)) {
			years++;
		}
		return switch (years) {
			case 0 -> "UNDER_1_YEAR";
			case 1 -> "ONE_TO_TWO_YEARS";
			case 2 -> "TWO_TO_THREE_YEARS";
			default -> "THREE_YEARS_OR_MORE";
		};
	}

	/**
	 * Enforcement work: due one calendar year (UTC) after the case was wanted or last
	 * reviewed, three for criminality NONE; overdue when that is before asOf.
	 */
	private static boolean overdue(Case facts, Instant asOf) {
		int years = "NONE".equals(facts.criminality) ? 3 : 1;
		return facts.reviewedFrom.atZone(ZoneOffset.UTC).plusYears(years).toInstant().isBefore(asOf);
	}

	private static void clear(Case facts, Instant at) {
		if (facts.wanted()) {
			facts.spells.get(facts.spells.size() - 1)[1] = at;
			facts.wantedSince = null;
			facts.reviewedFrom = null;
		}
	}

	private static List<String> names(List<? extends Enum<?>> values) {
		return values.stream().map(Enum::name).distinct().toList();
	}

	private static void add(Map<String, Long> figures, String path) {
		figures.merge(path, 1L, Long::sum);
	}

}
