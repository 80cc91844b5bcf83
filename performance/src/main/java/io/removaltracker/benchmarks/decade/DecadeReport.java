package io.removaltracker.benchmarks.decade;

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
 * Writes the decade run: its own section of BENCHMARKS.md between two marker comments
 * (replaced on every run, the rest of the file kept), and the same as JSON.
 */
final class DecadeReport {

	static final String BEGIN = "<!-- decade-benchmark:begin (written by ./benchmark -Dbench.decade=true; edits here are lost) -->";

	static final String END = "<!-- decade-benchmark:end -->";

	/**
	 * One line of the table: what was measured and its value, beside either the same
	 * run's baseline (then a ratio, value over baseline) or a note.
	 */
	record Row(String name, double value, String unit, double baseline, String beside) {

		static Row of(String name, double value, String unit, String note) {
			return new Row(name, value, unit, Double.NaN, note);
		}

		static Row withBaseline(String name, double value, String unit, double baseline, String baselineName) {
			return new Row(name, value, unit, baseline, baselineName);
		}

		double ratio() {
			return (Double.isNaN(this.baseline) || this.baseline == 0) ? Double.NaN : this.value / this.baseline;
		}

	}

	private final Map<String, Object> facts;

	private final List<Row> rows;

	DecadeReport(Map<String, Object> facts, List<Row> rows) {
		this.facts = facts;
		this.rows = rows;
	}

	void write(Path markdown, Path json) throws IOException {
		Report.replaceSection(markdown, markdown(), BEGIN, END);
		Files.createDirectories(json.getParent());
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("machine", Report.machine());
		document.put("date", LocalDate.now(ZoneOffset.UTC).toString());
		document.putAll(this.facts);
		document.put("figures", this.rows.stream().map(DecadeReport::asMap).toList());
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
	}

	private String markdown() {
		StringBuilder text = new StringBuilder(BEGIN).append("\n");
		text.append(String.format(Locale.ROOT,
				"Run of %s on %s: %,d random cases (`-Dbench.decade.cases`), %,d intake events, through the Kafka "
						+ "intake and the whole pipeline. Every baseline was measured against the same broker in the "
						+ "same run. Machine-readable copy: "
						+ "[performance/results/decade.json](performance/results/decade.json).\n\n",
				LocalDate.now(ZoneOffset.UTC), Report.machine(), this.facts.get("seededCases"),
				this.facts.get("seededIntakeEvents")));
		text.append("| figure | value | baseline in the same run, or note | ratio |\n|---|---:|---|---:|\n");
		for (Row row : this.rows) {
			text.append("| ")
				.append(row.name())
				.append(" | ")
				.append(number(row.value()))
				.append(' ')
				.append(row.unit())
				.append(" | ")
				.append(cell(Double.isNaN(row.baseline()) ? row.beside() : number(row.baseline()) + " " + row.beside()))
				.append(" | ")
				.append(Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", row.ratio()))
				.append(" |\n");
		}
		text.append("\nOther facts of the run: ").append(this.facts).append(".\n");
		return text.append(END).toString();
	}

	/** A table cell: a {@code |} inside it (a topic pattern's) would end the cell. */
	private static String cell(String text) {
		return text.replace("|", "\\|");
	}

	private static String number(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

	private static Map<String, Object> asMap(Row row) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("name", row.name());
		map.put("value", row.value());
		map.put("unit", row.unit());
		if (!Double.isNaN(row.baseline())) {
			map.put("baseline", row.baseline());
			map.put("baselineName", row.beside());
			map.put("ratio", row.ratio());
		}
		else if (!row.beside().isEmpty()) {
			map.put("note", row.beside());
		}
		return map;
	}

}
