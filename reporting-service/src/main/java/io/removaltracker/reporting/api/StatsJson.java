package io.removaltracker.reporting.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.removaltracker.events.stats.OpenAndWanted;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.stats.TeamFigures;

/**
 * A snapshot as JSON (docs/contract.md, Figures and Enforcement work). The enforcement
 * figures are optional in the Avro record only so that older snapshots stay readable; the
 * figures always fill them, and a missing one reads as zero.
 */
final class StatsJson {

	private StatsJson() {
	}

	static Map<String, Object> of(StatsSnapshot snapshot) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("asOf", snapshot.getAsOf().toString());
		json.put("openCases", snapshot.getOpenCases());
		json.put("byStatus", new TreeMap<>(snapshot.getByStatus()));
		json.put("stayed", snapshot.getStayed());
		json.put("supervision", new TreeMap<>(snapshot.getSupervision()));
		Map<String, Object> wanted = new LinkedHashMap<>();
		wanted.put("total", snapshot.getWanted().getTotal());
		wanted.put("seriousCriminality", snapshot.getWanted().getSeriousCriminality());
		wanted.put("byDuration", new TreeMap<>(snapshot.getWanted().getByDuration()));
		wanted.put("overdueReview", orZero(snapshot.getWanted().getOverdueReview()));
		wanted.put("unassigned", orZero(snapshot.getWanted().getUnassigned()));
		json.put("wanted", wanted);
		json.put("byCriminality", openAndWanted(snapshot.getByCriminality()));
		json.put("byNationality", openAndWanted(snapshot.getByNationality()));
		json.put("byRegion", openAndWanted(snapshot.getByRegion()));
		Map<String, Object> removed = new LinkedHashMap<>();
		removed.put("total", snapshot.getRemoved().getTotal());
		removed.put("byMonth", new TreeMap<>(snapshot.getRemoved().getByMonth()));
		json.put("removed", removed);
		json.put("wantedTrend", new TreeMap<>(snapshot.getWantedTrend()));
		json.put("byTeam", byTeam(snapshot.getByTeam()));
		json.put("nationalityEstablished", Map.of("total",
				(snapshot.getNationalityEstablished() != null) ? snapshot.getNationalityEstablished().getTotal() : 0L));
		return json;
	}

	private static long orZero(Long figure) {
		return (figure != null) ? figure : 0L;
	}

	private static Map<String, Object> byTeam(Map<String, TeamFigures> figures) {
		Map<String, Object> json = new TreeMap<>();
		figures.forEach((team, value) -> {
			Map<String, Object> counts = new LinkedHashMap<>();
			counts.put("open", value.getOpen());
			counts.put("wanted", value.getWanted());
			counts.put("overdueReview", value.getOverdueReview());
			json.put(team, counts);
		});
		return json;
	}

	private static Map<String, Object> openAndWanted(Map<String, OpenAndWanted> figures) {
		Map<String, Object> json = new TreeMap<>();
		figures.forEach((key, value) -> json.put(key, Map.of("open", value.getOpen(), "wanted", value.getWanted())));
		return json;
	}

}
