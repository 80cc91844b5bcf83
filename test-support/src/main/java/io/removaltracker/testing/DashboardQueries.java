package io.removaltracker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

/**
 * The queries of the Grafana dashboards in {@code docker/grafana/dashboards}, as
 * Prometheus' own PromQL grammar reads them: the build parses them with
 * {@code docker/grafana/promql-check} (Node.js, {@code @prometheus-io/lezer-promql}) and
 * puts each query's series selectors here, read from the syntax tree. The build fails on
 * a query that does not parse; without Node.js it has nothing to put here, and the tests
 * that ask are skipped with the reason.
 * <p>
 * Each service's test checks the selectors meant for it against its real
 * {@code /actuator/prometheus} output ({@link #assertServedBy}).
 */
public final class DashboardQueries {

	static final String RESOURCE = "dashboard/dashboard-queries.json";

	/**
	 * Labels Prometheus adds when it scrapes ({@code docker/prometheus/prometheus.yml}),
	 * never in a service's own output.
	 */
	private static final List<String> SCRAPE_LABELS = List.of("job", "instance");

	private DashboardQueries() {
	}

	/** One label matcher of a selector. */
	public record Matcher(String label, String op, String value) {

		/**
		 * Whether a series whose label has this value (empty when absent) is selected.
		 */
		public boolean matches(String labelValue) {
			return switch (this.op) {
				case "=" -> this.value.equals(labelValue);
				case "!=" -> !this.value.equals(labelValue);
				// PromQL's regular expressions match the whole value.
				case "=~" -> Pattern.compile(this.value).matcher(labelValue).matches();
				case "!~" -> !Pattern.compile(this.value).matcher(labelValue).matches();
				default -> throw new IllegalStateException("Unknown label matcher " + this.op);
			};
		}

	}

	/**
	 * One series selector: the metric it reads (null when it names none) and its
	 * matchers.
	 */
	public record Selector(String metric, List<Matcher> matchers) {

		/**
		 * Whether it can select series of this scrape job: a selector that names no job
		 * is meant for every service.
		 */
		public boolean appliesTo(String job) {
			return this.matchers.stream().filter((m) -> m.label().equals("job")).allMatch((m) -> m.matches(job));
		}

		/** Whether a series of the service's output is one it selects. */
		boolean selects(PrometheusText.Series series) {
			return series.name().equals(this.metric) && this.matchers.stream()
				.filter((m) -> !SCRAPE_LABELS.contains(m.label()))
				.allMatch((m) -> m.matches(series.labels().getOrDefault(m.label(), "")));
		}

		@Override
		public String toString() {
			return this.metric + this.matchers.stream()
				.map((m) -> m.label() + m.op() + '"' + m.value() + '"')
				.collect(Collectors.joining(", ", "{", "}"));
		}

	}

	/** One query of one panel. */
	public record Query(String dashboard, String panel, String refId, String expr, List<Selector> selectors) {

		/** Where it is, for a failure message. */
		public String where() {
			return this.dashboard + ", panel \"" + this.panel + "\", query " + this.refId + ": " + this.expr;
		}

	}

	/**
	 * Every query of every dashboard; the calling test is skipped when the build could
	 * not parse them (no Node.js).
	 */
	public static List<Query> all() {
		InputStream in = DashboardQueries.class.getResourceAsStream(RESOURCE);
		Assumptions.assumeTrue(in != null,
				"The dashboards' queries were not parsed when test-support was built (no Node.js on the PATH: see"
						+ " the build's [promql-check] line), so their metric names are not checked");
		try (in) {
			return read(new ObjectMapper().readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Fails naming each selector meant for this job (by its {@code job} matcher, or for
	 * every job without one) that selects no series of the service's own
	 * {@code /actuator/prometheus} output: a metric it does not have, or label values it
	 * has never given that metric.
	 * @param job the service's scrape job, its module name
	 * @param prometheusText the service's output, after traffic that makes each counter
	 * exist
	 */
	public static void assertServedBy(String job, String prometheusText) {
		List<PrometheusText.Series> served = PrometheusText.parse(prometheusText);
		List<String> missing = new ArrayList<>();
		int checked = 0;
		for (Query query : all()) {
			for (Selector selector : query.selectors()) {
				if (selector.metric() == null) {
					missing.add(selector + " names no metric, so it cannot be checked (" + query.where() + ")");
				}
				else if (selector.appliesTo(job)) {
					checked++;
					if (served.stream().noneMatch(selector::selects)) {
						missing.add(selector + " selects nothing " + job + " serves (" + query.where() + ")");
					}
				}
			}
		}
		if (checked == 0) {
			throw new AssertionError("No dashboard query reads a metric of " + job);
		}
		if (!missing.isEmpty()) {
			throw new AssertionError("The Grafana dashboard reads series that " + job
					+ "'s /actuator/prometheus does not have:\n  " + String.join("\n  ", missing));
		}
	}

	static List<Query> read(JsonNode root) {
		List<Query> queries = new ArrayList<>();
		for (JsonNode dashboard : root.path("dashboards")) {
			for (JsonNode query : dashboard.path("queries")) {
				List<Selector> selectors = new ArrayList<>();
				for (JsonNode selector : query.path("selectors")) {
					List<Matcher> matchers = new ArrayList<>();
					for (JsonNode matcher : selector.path("matchers")) {
						matchers.add(new Matcher(matcher.path("label").asText(), matcher.path("op").asText(),
								matcher.path("value").asText()));
					}
					selectors
						.add(new Selector(selector.path("metric").isTextual() ? selector.path("metric").asText() : null,
								List.copyOf(matchers)));
				}
				queries.add(new Query(dashboard.path("file").asText(), query.path("panel").asText(),
						query.path("refId").asText(), query.path("expr").asText(), List.copyOf(selectors)));
			}
		}
		return List.copyOf(queries);
	}

}
