package io.removaltracker.localstack.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the suite's results: the table of {@code RELIABILITY.md} between its markers
 * (the prose around it is kept), and the same rows as JSON for machines. A run of some
 * scenarios keeps the earlier rows of the others, each with the time it was measured.
 */
final class ReliabilityReport {

	static final String BEGIN = "<!-- chaos:results:begin -->";

	static final String END = "<!-- chaos:results:end -->";

	private static final ObjectMapper JSON = new ObjectMapper();

	private ReliabilityReport() {
	}

	static void write(List<Outcome> fresh, Path markdown, Path json, double rate, Duration took) throws IOException {
		String when = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		Map<String, String> measuredAt = new LinkedHashMap<>();
		List<Outcome> outcomes = new ArrayList<>();
		for (Outcome outcome : fresh) {
			measuredAt.put(outcome.id(), when);
			outcomes.add(outcome);
		}
		if (Files.exists(json)) {
			for (JsonNode row : JSON.readTree(json.toFile()).path("scenarios")) {
				String id = row.path("scenario").asText();
				if (!measuredAt.containsKey(id)) {
					measuredAt.put(id, row.path("measuredAt").asText());
					outcomes.add(fromJson(row));
				}
			}
		}
		outcomes.sort(Comparator.comparingInt(ReliabilityReport::order));

		String text = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8)
				: "# Reliability\n\n" + BEGIN + "\n" + END + "\n";
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin < 0 || end < begin) {
			text = text + "\n" + BEGIN + "\n" + END + "\n";
			begin = text.indexOf(BEGIN);
			end = text.indexOf(END);
		}
		text = text.substring(0, begin + BEGIN.length()) + "\n" + table(outcomes, measuredAt, rate, took)
				+ text.substring(end);
		Files.writeString(markdown, text, StandardCharsets.UTF_8);

		Map<String, Object> document = new LinkedHashMap<>();
		document.put("eventsPerSecond", rate);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Outcome outcome : outcomes) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("scenario", outcome.id());
			row.put("measuredAt", measuredAt.get(outcome.id()));
			row.put("title", outcome.title());
			row.put("fault", outcome.fault());
			row.put("passed", outcome.passed());
			row.put("eventsSent", outcome.sent());
			row.put("http2xx", outcome.answers2xx());
			row.put("kafkaAcknowledged", outcome.kafkaAcknowledged());
			row.put("notAcknowledged", outcome.notAcknowledged());
			row.put("onCaseEvents", outcome.onCaseEvents());
			row.put("lost", outcome.lost());
			row.put("doubled", outcome.doubled());
			row.put("sequenceGaps", outcome.gaps());
			row.put("figuresEqualOracle", outcome.figuresEqual());
			row.put("figureDifferences", outcome.figureDifferences());
			row.put("wantedExpected", outcome.wantedExpected());
			row.put("wantedShown", outcome.wantedShown());
			row.put("rejectedOnIntake", outcome.rejected());
			row.put("undecodableSkipped", outcome.undecodableSkipped());
			row.put("http503", outcome.http503());
			row.put("http5xxOtherThan503", outcome.http5xxOther());
			row.put("recoverySeconds", round(outcome.recoverySeconds()));
			row.put("settleSeconds", round(outcome.settleSeconds()));
			row.put("notes", outcome.notes());
			rows.add(row);
		}
		document.put("scenarios", rows);
		Files.createDirectories(json.toAbsolutePath().getParent());
		JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), document);
	}

	/** The row of an earlier run, read back. */
	private static Outcome fromJson(JsonNode row) {
		List<String> differences = new ArrayList<>();
		row.path("figureDifferences").forEach((node) -> differences.add(node.asText()));
		List<String> notes = new ArrayList<>();
		row.path("notes").forEach((node) -> notes.add(node.asText()));
		return new Outcome(row.path("scenario").asText(), row.path("title").asText(), row.path("fault").asText(),
				row.path("eventsSent").asLong(), row.path("http2xx").asLong(), row.path("kafkaAcknowledged").asLong(),
				row.path("notAcknowledged").asLong(), row.path("onCaseEvents").asLong(), row.path("lost").asLong(),
				row.path("doubled").asLong(), row.path("sequenceGaps").asLong(), differences,
				row.path("wantedExpected").asLong(), row.path("wantedShown").asLong(),
				row.path("rejectedOnIntake").asLong(), row.path("undecodableSkipped").asLong(),
				row.path("http503").asLong(), row.path("http5xxOtherThan503").asLong(),
				row.path("recoverySeconds").asDouble(), row.path("settleSeconds").asDouble(), notes);
	}

	/** The order of the full run; scenarios no longer known last. */
	private static int order(Outcome outcome) {
		for (int i = 0; i < ChaosSuite.FULL.size(); i++) {
			if (ChaosSuite.FULL.get(i).id.equals(outcome.id())) {
				return i;
			}
		}
		return Integer.MAX_VALUE;
	}

	private static String table(List<Outcome> outcomes, Map<String, String> measuredAt, double rate, Duration took) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT,
				"Measured by `./chaos` on this machine (2 cores, shared with other work), load %.0f events/s; the last"
						+ " run took %d min. Each row says when it was measured.%n%n",
				rate, took.toMinutes()));
		text.append("| scenario | measured | result | sent | 2xx (HTTP) | acked (Kafka) | not acked "
				+ "| on `case-events` | lost | doubled | gaps | figures = oracle | wanted (oracle/shown) | rejected "
				+ "| undecodable skipped | 503 | other 5xx | recovered | settled |\n");
		text.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|--:|--:|--:|--:|--:|--:|\n");
		for (Outcome o : outcomes) {
			text.append(String.format(Locale.ROOT,
					"| `%s` | %s | %s | %,d | %,d | %,d | %d | %,d | **%d** | **%d** | **%d** | %s | %d / %d | %d | %d "
							+ "| %d | %d | %s | %s |%n",
					o.id(), measuredAt.get(o.id()).replace('T', ' ').replace("Z", " UTC"),
					o.passed() ? "pass" : "**FAIL**", o.sent(), o.answers2xx(), o.kafkaAcknowledged(),
					o.notAcknowledged(), o.onCaseEvents(), o.lost(), o.doubled(), o.gaps(),
					o.figuresEqual() ? "yes" : "**no** (" + o.figureDifferences().size() + ")", o.wantedExpected(),
					o.wantedShown(), o.rejected(), o.undecodableSkipped(), o.http503(), o.http5xxOther(),
					seconds(o.recoverySeconds()), seconds(o.settleSeconds())));
		}
		text.append("\nWhat each scenario did and what else was seen:\n\n");
		for (Outcome o : outcomes) {
			text.append("- **`").append(o.id()).append("`** (").append(o.title()).append("): ").append(o.fault());
			text.append(".\n");
			if (!o.figuresEqual()) {
				List<String> differences = o.figureDifferences();
				text.append("  - figures that differ from the oracle (")
					.append(differences.size())
					.append("): ")
					.append(String.join("; ", differences.subList(0, Math.min(differences.size(), 12))))
					.append((differences.size() > 12) ? "; and more in the JSON" : "")
					.append('\n');
			}
			o.notes().forEach((note) -> text.append("  - ").append(note.replace("|", "/")).append('\n'));
		}
		return text.toString();
	}

	private static String seconds(double seconds) {
		return (seconds < 0) ? "**not in time**" : String.format(Locale.ROOT, "%.1f s", seconds);
	}

	private static double round(double seconds) {
		return Math.round(seconds * 10) / 10.0;
	}

}
