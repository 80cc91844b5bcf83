package io.removaltracker.reporting.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.removaltracker.reporting.ReportingServiceApplication;
import io.removaltracker.reporting.figures.HistoryPublisher;
import io.removaltracker.reporting.figures.NationalFigures;
import io.removaltracker.reporting.figures.RandomHistories;
import io.removaltracker.testing.HeadlessChromium;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.PrivateKafka;
import io.removaltracker.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard page in a real browser: headless Chromium opens {@code /} of a service
 * holding known figures; every number the page shows, the teams' workload included, is
 * the one {@code GET /api/v1/stats} gives, follows it when more events arrive, and the
 * page says so when the connection drops. Skipped, saying so, where Chromium is not
 * installed; {@code .ci/run} installs it. Leaves a screenshot in
 * {@code target/dashboard.png}.
 */
class DashboardBrowserTest {

	private static final String REGISTRY = "mock://dashboard-browser-test";

	private static final Instant AS_OF = Instant.parse("2025-07-01T12:00:00Z");

	private static final Pattern FIGURE = Pattern.compile("data-figure=\"([A-Za-z0-9_.]+)\">([^<]*)<");

	@RegisterExtension
	static final PrivateKafka kafka = new PrivateKafka();

	@TempDir
	Path profile;

	/** The teams' table as the page shows it: one line per team, in the page's order. */
	private static final String TEAM_ROWS = "Array.from(document.querySelectorAll('#byTeam tbody tr'))"
			+ ".map(function (row) { return Array.from(row.cells).map(function (cell) { return cell.textContent; })"
			+ ".join(' '); }).join('\\n')";

	@Test
	void thePageShowsTheFiguresOfTheApiAndWhenTheConnectionDrops() throws Exception {
		Path chromium = HeadlessChromium.find();
		assumeThat(chromium).as("Chromium is not installed (apt-get install chromium); the browser test is skipped")
			.isNotNull();
		ConfigurableApplicationContext service = new SpringApplicationBuilder(ReportingServiceApplication.class).run(
				"--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.kafka.properties.schema.registry.url=" + REGISTRY, "--reporting-service.as-of=" + AS_OF,
				TestIssuer.serviceArgument());
		try (service; HeadlessChromium browser = new HeadlessChromium(chromium, this.profile)) {
			HttpJson http = HttpJson.of(service);
			List<RandomHistories.History> histories = RandomHistories.generate(11, 300, AS_OF);
			publish(histories);
			// Figures go out at most once a second: wait for all, not the first.
			long openCases = figuresOf(histories).snapshot(AS_OF).getOpenCases();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> http.get("/api/v1/stats").body().path("openCases").asLong() == openCases);
			JsonNode stats = http.get("/api/v1/stats").body();

			// The page's stream needs stats:read: here the browser sends a bearer token
			// on every request, as an API client would. Signing a person in through the
			// provider's login page is tried on the local stack (EndToEndIT).
			browser.sendOnEveryRequest("Authorization", TestIssuer.allScopesAuthorization());
			browser.open(http.baseUrl() + "/");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> browser.evaluate("document.body.getAttribute('data-rendered')").asText(), "true"::equals);
			browser.screenshot(Path.of("target", "dashboard.png").toAbsolutePath(), 1400, 1550);
			String dom = browser.evaluate("document.documentElement.outerHTML").asText();

			assertThat(dom).contains("Live, updated");
			List<String> checked = new ArrayList<>();
			Matcher figures = FIGURE.matcher(dom);
			while (figures.find()) {
				JsonNode expected = stats.at("/" + figures.group(1).replace('.', '/'));
				assertThat(figures.group(2)).as(figures.group(1))
					.isEqualTo(String.format("%,d", expected.isMissingNode() ? 0 : expected.asLong()));
				checked.add(figures.group(1));
			}
			assertThat(checked).contains("openCases", "wanted.total", "wanted.seriousCriminality", "byStatus.IN_PRISON",
					"byStatus.DETAINED", "byStatus.IN_COMMUNITY", "wanted.byDuration.THREE_YEARS_OR_MORE");
			assertThat(dom).contains("data-key=\"UNKNOWN\"")
				.contains("data-key=\"PACIFIC\"")
				.contains("data-key=\"SERIOUS\"")
				.contains("<polyline class=\"line\"");
			assertThat(checked).contains("wanted.overdueReview", "wanted.unassigned", "byNationality.UNKNOWN.open",
					"nationalityEstablished.total");
			assertThat(stats.path("byTeam").size()).as("the histories assign teams").isPositive();
			assertThat(browser.evaluate(TEAM_ROWS).asText()).isEqualTo(teamRows(stats));

			List<RandomHistories.History> more = RandomHistories.generate(12, 150, AS_OF);
			publish(more);
			long openAfter = figuresOf(concat(histories, more)).snapshot(AS_OF).getOpenCases();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> http.get("/api/v1/stats").body().path("openCases").asLong() == openAfter);
			JsonNode after = http.get("/api/v1/stats").body();
			assertThat(teamRows(after)).as("the new events change the teams' workload").isNotEqualTo(teamRows(stats));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(browser.evaluate(TEAM_ROWS).asText()).isEqualTo(teamRows(after)));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				String updated = browser.evaluate("document.documentElement.outerHTML").asText();
				for (String path : List.of("wanted.overdueReview", "wanted.unassigned", "byNationality.UNKNOWN.open",
						"nationalityEstablished.total", "openCases")) {
					assertThat(updated).contains("data-figure=\"" + path + "\">"
							+ String.format("%,d", after.at("/" + path.replace('.', '/')).asLong()) + "<");
				}
			});

			service.close();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> browser.evaluate("document.getElementById('status').textContent").asText(),
						(text) -> text.startsWith("Connection lost"));
		}
	}

	/**
	 * The teams' table the page should show for these figures: most overdue reviews
	 * first, then most wanted, then most open, then by name.
	 */
	private static String teamRows(JsonNode stats) {
		List<String> teams = new ArrayList<>();
		stats.path("byTeam").fieldNames().forEachRemaining(teams::add);
		JsonNode byTeam = stats.path("byTeam");
		teams.sort(Comparator.comparingLong((String team) -> -byTeam.get(team).get("overdueReview").asLong())
			.thenComparingLong((team) -> -byTeam.get(team).get("wanted").asLong())
			.thenComparingLong((team) -> -byTeam.get(team).get("open").asLong())
			.thenComparing(Comparator.naturalOrder()));
		return String.join("\n",
				teams.stream()
					.map((team) -> team + " " + String.format("%,d %,d %,d", byTeam.get(team).get("open").asLong(),
							byTeam.get(team).get("wanted").asLong(), byTeam.get(team).get("overdueReview").asLong()))
					.toList());
	}

	private static List<RandomHistories.History> concat(List<RandomHistories.History> a,
			List<RandomHistories.History> b) {
		List<RandomHistories.History> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static NationalFigures figuresOf(List<RandomHistories.History> histories) {
		NationalFigures figures = new NationalFigures();
		histories.forEach((history) -> {
			history.events().forEach(figures::apply);
			history.flags().forEach(figures::apply);
		});
		return figures;
	}

	private static void publish(List<RandomHistories.History> histories) {
		HistoryPublisher.publish(kafka.bootstrapServers(), REGISTRY, histories);
	}

}
