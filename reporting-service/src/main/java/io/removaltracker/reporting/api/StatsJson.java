package io.removaltracker.reporting.api;

import java.util.Map;
import java.util.TreeMap;

import io.removaltracker.events.stats.OpenAndWanted;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.stats.TeamFigures;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A snapshot as the JSON object of docs/contract.md (Figures and Enforcement work),
 * written from these records and documented from them, so the API document shows what is
 * sent. The enforcement figures are optional in the Avro record only so that older
 * snapshots stay readable; the figures always fill them, and a missing one reads as zero.
 * Maps are keyed in order.
 */
@Schema(name = "Stats", description = "The national figures at asOf")
record StatsJson(@Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String asOf,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Open cases") long openCases,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "IN_PRISON, DETAINED, IN_COMMUNITY, WANTED: every open case in exactly one") Map<String, Long> byStatus,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Open cases whose removal is stayed") long stayed,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Open cases in the community by condition: REPORTING, ELECTRONIC_MONITORING") Map<String, Long> supervision,
		@Schema(requiredMode = RequiredMode.REQUIRED) Wanted wanted,
		@Schema(requiredMode = RequiredMode.REQUIRED) Map<String, Counts> byCriminality,
		@Schema(requiredMode = RequiredMode.REQUIRED) Map<String, Counts> byNationality,
		@Schema(requiredMode = RequiredMode.REQUIRED) Map<String, Counts> byRegion,
		@Schema(requiredMode = RequiredMode.REQUIRED) Removed removed,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "YYYY-MM: cases wanted at the last instant of that month (UTC)") Map<String, Long> wantedTrend,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "Open cases assigned to a team, by team") Map<String, TeamCounts> byTeam,
		@Schema(requiredMode = RequiredMode.REQUIRED) Total nationalityEstablished) {

	static StatsJson of(StatsSnapshot snapshot) {
		var wanted = snapshot.getWanted();
		return new StatsJson(snapshot.getAsOf().toString(), snapshot.getOpenCases(),
				new TreeMap<>(snapshot.getByStatus()), snapshot.getStayed(), new TreeMap<>(snapshot.getSupervision()),
				new Wanted(wanted.getTotal(), wanted.getSeriousCriminality(), new TreeMap<>(wanted.getByDuration()),
						orZero(wanted.getOverdueReview()), orZero(wanted.getUnassigned())),
				counts(snapshot.getByCriminality()), counts(snapshot.getByNationality()),
				counts(snapshot.getByRegion()),
				new Removed(snapshot.getRemoved().getTotal(), new TreeMap<>(snapshot.getRemoved().getByMonth())),
				new TreeMap<>(snapshot.getWantedTrend()), byTeam(snapshot.getByTeam()),
				new Total((snapshot.getNationalityEstablished() != null)
						? snapshot.getNationalityEstablished().getTotal() : 0L));
	}

	@Schema(name = "WantedFigures", description = "The cases wanted now")
	record Wanted(@Schema(requiredMode = RequiredMode.REQUIRED) long total,
			@Schema(requiredMode = RequiredMode.REQUIRED) long seriousCriminality,
			@Schema(requiredMode = RequiredMode.REQUIRED,
					description = "UNDER_1_YEAR, ONE_TO_TWO_YEARS, TWO_TO_THREE_YEARS, THREE_YEARS_OR_MORE") Map<String, Long> byDuration,
			@Schema(requiredMode = RequiredMode.REQUIRED,
					description = "Whose review is overdue at asOf") long overdueReview,
			@Schema(requiredMode = RequiredMode.REQUIRED, description = "With no team") long unassigned) {
	}

	@Schema(name = "OpenAndWanted")
	record Counts(@Schema(requiredMode = RequiredMode.REQUIRED) long open,
			@Schema(requiredMode = RequiredMode.REQUIRED) long wanted) {
	}

	@Schema(name = "TeamFigures")
	record TeamCounts(@Schema(requiredMode = RequiredMode.REQUIRED) long open,
			@Schema(requiredMode = RequiredMode.REQUIRED) long wanted, @Schema(requiredMode = RequiredMode.REQUIRED,
					description = "Wanted, with a review overdue at asOf") long overdueReview) {
	}

	@Schema(name = "RemovedFigures")
	record Removed(@Schema(requiredMode = RequiredMode.REQUIRED) long total,
			@Schema(requiredMode = RequiredMode.REQUIRED,
					description = "YYYY-MM (UTC) of the removal's occurredAt") Map<String, Long> byMonth) {
	}

	@Schema(name = "NationalityEstablishedFigures")
	record Total(@Schema(requiredMode = RequiredMode.REQUIRED,
			description = "Accepted NATIONALITY_ESTABLISHED events, all time") long total) {
	}

	private static long orZero(Long figure) {
		return (figure != null) ? figure : 0L;
	}

	private static Map<String, TeamCounts> byTeam(Map<String, TeamFigures> figures) {
		Map<String, TeamCounts> json = new TreeMap<>();
		figures.forEach((team, value) -> json.put(team,
				new TeamCounts(value.getOpen(), value.getWanted(), value.getOverdueReview())));
		return json;
	}

	private static Map<String, Counts> counts(Map<String, OpenAndWanted> figures) {
		Map<String, Counts> json = new TreeMap<>();
		figures.forEach((key, value) -> json.put(key, new Counts(value.getOpen(), value.getWanted())));
		return json;
	}

}
