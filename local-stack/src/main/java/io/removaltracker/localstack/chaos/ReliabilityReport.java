package io.removaltracker.localstack.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes the suite's results: the table of {@code RELIABILITY.md} between its markers
 * (the prose around it is kept), and the same rows as JSON for machines.
 */
final class ReliabilityReport {

	static final String BEGIN = "<!-- chaos:results:begin -->";

	static final String END = "<!-- chaos:results:end -->";

	private ReliabilityReport() {
	}

	static void write(List<Outcome> outcomes, Path markdown, Path json, double rate, Duration took) throws IOException {
		String when = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		String table = table(outcomes, rate, took, when);
		String text = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8)
				: "# Reliability\n\n" + BEGIN + "\n" + END + "\n";
		int begin = text.indexOf(BEGIN);
		int end = text.indexOf(END);
		if (begin < 0 || end < begin) {
			text = text + "\n" + BEGIN + "\n" + END + "\n";
			begin = text.indexOf(BEGIN);
			end = text.indexOf(END);
		}
		text = text.substring(0, begin + BEGIN.length()) + "\n" + table + text.substring(end);
		Files.writeString(markdown, text, StandardCharsets.UTF_8);

		Map<String, Object> document = new LinkedHashMap<>();
		document.put("measuredAt", when);
		document.put("eventsPerSecond", rate);
		document.put("tookSeconds", took.toSeconds());
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Outcome outcome : outcomes) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("scenario", outcome.id());
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
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
	}

	private static String table(List<Outcome> outcomes, double rate, Duration took, String when) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT,
				"Measured %s by `./chaos` on this machine (2 cores), load %.0f events/s, %d min in all.%n%n", when,
				rate, took.toMinutes()));
		text.append("| scenario | result | sent | 2xx (HTTP) | acked (Kafka) | not acked | on `case-events` | lost "
				+ "| doubled | gaps | figures = oracle | wanted (oracle/shown) | rejected | undecodable skipped "
				+ "| 503 | other 5xx | recovered | settled |\n");
		text.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|--:|--:|--:|--:|--:|--:|\n");
		for (Outcome o : outcomes) {
			text.append(String.format(Locale.ROOT,
					"| `%s` | %s | %,d | %,d | %,d | %d | %,d | **%d** | **%d** | **%d** | %s | %d / %d | %d | %d | %d | %d | %s | %s |%n",
					o.id(), o.passed() ? "pass" : "**FAIL**", o.sent(), o.answers2xx(), o.kafkaAcknowledged(),
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
				text.append("  - figures that differ from the oracle: ")
					.append(String.join("; ", o.figureDifferences()))
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
