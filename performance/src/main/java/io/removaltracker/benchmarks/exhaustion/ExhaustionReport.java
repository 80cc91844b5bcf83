package io.removaltracker.benchmarks.exhaustion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.removaltracker.benchmarks.pipeline.Report;

/**
 * Writes the exhaustion run: its own section of BENCHMARKS.md between two marker comments
 * (replaced on every run, the rest of the file kept), and the same as JSON.
 */
final class ExhaustionReport {

	static final String BEGIN = "<!-- exhaustion-benchmark:begin (written by ./benchmark -Dbench.exhaustion=true; edits here are lost) -->";

	static final String END = "<!-- exhaustion-benchmark:end -->";

	private final Map<String, Object> facts;

	private final List<String[]> streamRows;

	private final List<String[]> wantedRows;

	ExhaustionReport(Map<String, Object> facts, List<String[]> streamRows, List<String[]> wantedRows) {
		this.facts = facts;
		this.streamRows = streamRows;
		this.wantedRows = wantedRows;
	}

	void write(Path markdown, Path json) throws IOException {
		String section = markdown();
		Report.replaceSection(markdown, section, BEGIN, END);
		Files.createDirectories(json.getParent());
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("machine", Report.machine());
		document.put("date", LocalDate.now(ZoneOffset.UTC).toString());
		document.putAll(this.facts);
		document.put("streams", this.streamRows.stream().map((row) -> List.of(row)).toList());
		document.put("wantedList", this.wantedRows.stream().map((row) -> List.of(row)).toList());
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
	}

	private String markdown() {
		StringBuilder text = new StringBuilder(BEGIN).append("\n");
		text.append("## Exhaustion: slow stream clients and parallel wanted-list reads\n\n");
		text.append("```bash\n./benchmark -Dbench.exhaustion=true                           "
				+ "# 2,000 stream clients, 50,000 wanted cases\n"
				+ "./benchmark -Dbench.exhaustion=true -Dbench.sseClients=500 -Dbench.wantedCases=5000   # quicker\n"
				+ "```\n\n");
		text.append(String.format(Locale.ROOT, "Run of %s on %s. ", LocalDate.now(ZoneOffset.UTC), Report.machine()));
		text.append(String.format(Locale.ROOT,
				"The local stack (fresh data directory) gets random intake at %s events/s through Kafka for the "
						+ "whole run, so the figures change and reporting-service publishes to `case-stats` about "
						+ "once a second. ",
				this.facts.get("trafficEventsPerSecond")));
		text.append(String.format(Locale.ROOT,
				"reporting-service's stream caps are raised to %,d for the run (both `max-clients` and "
						+ "`max-clients-per-principal`: every client here uses the one dashboard token), and "
						+ "Tomcat's `max-connections` to %,d (that one setting reaches every service of the stack), "
						+ "so the slow clients are held rather than refused: the run measures what holding them "
						+ "costs. Shipped caps are 1,000 and 20, with 1,500 connections.\n\n",
				this.facts.get("streamMaxClients"), this.facts.get("tomcatMaxConnections")));
		text.append(String.format(Locale.ROOT,
				"**Slow stream clients.** The baseline column is the same probes in the same run, just before the "
						+ "clients open (after 10 s of the same probes, not counted, to warm the JVM up). "
						+ "Then %,d clients open `GET /api/v1/stats/stream` with a bearer token, 32 at "
						+ "a time, each on a raw socket with a 2 KiB receive buffer: half read 16 bytes every 5 s, "
						+ "half never read after the status line. While they are all open, the readiness probe and "
						+ "`GET /api/v1/stats` are each asked %s times a second for %s s, every request on a new "
						+ "connection as a platform's probe makes it; gaps between `case-stats` records come from "
						+ "the records' own timestamps, read as the admin; memory from `/proc/<pid>/status` of "
						+ "reporting-service's process.\n\n",
				this.facts.get("sseClients"), this.facts.get("probeRequestsPerSecond"),
				this.facts.get("probeSeconds")));
		text.append("| figure | no stream clients (baseline) | with the slow stream clients open |\n|---|---:|---:|\n");
		for (String[] row : this.streamRows) {
			text.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		text.append(String.format(Locale.ROOT,
				"\n**Wanted list.** %,d cases, each opened and then flagged by a missed reporting hearing "
						+ "(nationality `ZZW`, spread over the seven regions), go through the Kafka intake and the "
						+ "pipeline; then %s clients with the officer token each send "
						+ "`GET /api/v1/wanted?region=<region>&size=50` (regions in turn), the next on the answer, "
						+ "for %s s, over kept-alive connections, after 5 s of the same load (not counted) and, as the "
						+ "baseline, one client alone for 10 s.\n\n",
				this.facts.get("wantedCasesAsked"), this.facts.get("wantedClients"), this.facts.get("wantedSeconds")));
		text.append("| figure | value |\n|---|---:|\n");
		for (String[] row : this.wantedRows) {
			text.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		text.append(
				"\nMachine-readable copy: [performance/results/exhaustion.json](performance/results/exhaustion.json). ")
			.append("Other facts of the run: ")
			.append(this.facts)
			.append(".\n");
		return text.append(END).toString();
	}

}
