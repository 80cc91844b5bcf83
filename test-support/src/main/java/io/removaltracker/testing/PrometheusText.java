package io.removaltracker.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of a Prometheus text exposition ({@code /actuator/prometheus}): each sample
 * line's metric name and labels. Comment lines ({@code # HELP}, {@code # TYPE}) are
 * skipped: a histogram's series are its {@code _bucket}, {@code _count} and {@code _sum}
 * samples, the names a query reads.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	record Series(String name, Map<String, String> labels) {
	}

	static List<Series> parse(String text) {
		List<Series> series = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				series.add(sample(line));
			}
		}
		return series;
	}

	/**
	 * {@code name{label="value",...} value [timestamp]}, label values escaped with
	 * backslashes.
	 */
	private static Series sample(String line) {
		int brace = line.indexOf('{');
		int space = line.indexOf(' ');
		if (brace < 0 || (space >= 0 && space < brace)) {
			return new Series(line.substring(0, space), Map.of());
		}
		Map<String, String> labels = new LinkedHashMap<>();
		int at = brace + 1;
		while (line.charAt(at) != '}') {
			int equals = line.indexOf('=', at);
			String label = line.substring(at, equals);
			StringBuilder value = new StringBuilder();
			int i = equals + 2;
			for (; line.charAt(i) != '"'; i++) {
				char c = line.charAt(i);
				if (c == '\\') {
					char escaped = line.charAt(++i);
					value.append((escaped == 'n') ? '\n' : escaped);
				}
				else {
					value.append(c);
				}
			}
			labels.put(label, value.toString());
			at = i + 1;
			if (line.charAt(at) == ',') {
				at++;
			}
		}
		return new Series(line.substring(0, brace), labels);
	}

}
