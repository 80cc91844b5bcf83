package io.removaltracker.benchmarks.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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

/**
 * Writes one run's figures: a section of BENCHMARKS.md between two marker comments
 * (replaced on every run, the rest of the file kept) and the same as JSON.
 */
public final class Report {

	static final String BEGIN = "<!-- pipeline-benchmark:begin (written by ./benchmark; edits here are lost) -->";

	static final String END = "<!-- pipeline-benchmark:end -->";

	private final List<Figure> figures;

	private final Map<String, Object> extra;

	private final long events;

	Report(List<Figure> figures, Map<String, Object> extra, long events) {
		this.figures = figures;
		this.extra = extra;
		this.events = events;
	}

	void write(Path markdown, Path json) throws IOException {
		String section = markdown();
		replaceSection(markdown, section, BEGIN, END);
		Files.createDirectories(json.getParent());
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("machine", machine());
		document.put("date", LocalDate.now(ZoneOffset.UTC).toString());
		document.put("events", this.events);
		document.putAll(this.extra);
		document.put("figures", this.figures.stream().map(Report::asMap).toList());
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
	}

	private String markdown() {
		StringBuilder text = new StringBuilder(BEGIN).append("\n");
		text.append(String.format(Locale.ROOT, "Run of %s on %s, %,d pipeline events (`-Dbench.events`). ",
				LocalDate.now(ZoneOffset.UTC), machine(), this.events));
		text.append("Every baseline was measured against the same broker in the same run. ");
		text.append(
				"Machine-readable copy: [performance/results/pipeline.json](performance/results/pipeline.json).\n\n");
		text.append("| figure | value | baseline | ratio |\n|---|---:|---:|---:|\n");
		for (Figure figure : this.figures) {
			text.append("| ")
				.append(figure.name())
				.append(" | ")
				.append(number(figure.value()))
				.append(' ')
				.append(figure.unit())
				.append(" | ")
				.append(Double.isNaN(figure.baseline()) ? "" : number(figure.baseline()) + " " + figure.baselineName())
				.append(" | ")
				.append(Double.isNaN(figure.ratio()) ? "" : String.format(Locale.ROOT, "%.3f", figure.ratio()))
				.append(" |\n");
		}
		text.append("\nOther facts of the run: ").append(this.extra).append(".\n");
		return text.append(END).toString();
	}

	/** The machine line every benchmark section starts with. */
	/**
	 * Puts a generated section into the Markdown file: in place of the one between the
	 * same markers, else at the end; the rest of the file is left as it is.
	 */
	public static void replaceSection(Path markdown, String section, String beginMarker, String endMarker)
			throws IOException {
		String text = Files.exists(markdown) ? Files.readString(markdown) : "# Benchmarks\n";
		int begin = text.indexOf(beginMarker);
		int end = text.indexOf(endMarker);
		if (begin >= 0 && end > begin) {
			text = text.substring(0, begin) + section + text.substring(end + endMarker.length());
		}
		else {
			text = text.stripTrailing() + "\n\n" + section + "\n";
		}
		Files.writeString(markdown, text);
	}

	public static String machine() {
		return String.format(Locale.ROOT, "%d cores, %,d MiB, %s %s, JDK %s (%s)",
				Runtime.getRuntime().availableProcessors(), totalMemoryMib(), System.getProperty("os.name"),
				System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
	}

	private static long totalMemoryMib() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getTotalMemorySize() / (1024 * 1024);
		}
		return -1;
	}

	private static String number(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

	private static Map<String, Object> asMap(Figure figure) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("name", figure.name());
		map.put("value", figure.value());
		map.put("unit", figure.unit());
		if (!Double.isNaN(figure.baseline())) {
			map.put("baseline", figure.baseline());
			map.put("baselineName", figure.baselineName());
			map.put("ratio", figure.ratio());
		}
		return map;
	}

}
