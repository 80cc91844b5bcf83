package io.removaltracker.monitoring.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.removaltracker.events.Topics;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.monitoring.CaseEventPublisher;
import io.removaltracker.monitoring.rules.CaseEvents;
import io.removaltracker.monitoring.rules.CaseHistory;
import io.removaltracker.service.ProblemHandling;
import io.removaltracker.testing.AccessBattery;
import io.removaltracker.testing.AccessBattery.Endpoint;
import io.removaltracker.testing.DashboardQueries;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.HttpJson.Answer;
import io.removaltracker.testing.KafkaAndRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * monitoring-service over real HTTP against a real broker: one body, run on the embedded
 * broker ({@link MonitoringHttpTest}) and on the real images
 * ({@link MonitoringHttpContainersTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class AbstractMonitoringHttpTest implements MonitoringApiDocsDrift {

	@TempDir
	static Path stateDir;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	private CaseEventPublisher publisher;

	/** Where the broker and the registry are that the service runs against. */
	protected abstract KafkaAndRegistry kafka();

	@BeforeEach
	void ready() {
		this.publisher = new CaseEventPublisher(kafka().bootstrapServers(), kafka().registryUrl());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);
	}

	@AfterEach
	void close() {
		this.publisher.close();
	}

	@Override
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public ApplicationContext context() {
		return this.context;
	}

	@Override
	public CaseEventPublisher publisher() {
		return this.publisher;
	}

	@Test
	void noShowIsWantedUntilLocated() {
		String caseId = "M-" + UUID.randomUUID();
		this.publisher.publish(CaseEventPublisher.aNoShow(caseId));

		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/wanted/" + caseId).status() == 200);
		JsonNode entry = get("/api/v1/wanted/" + caseId).body();
		assertThat(entry.get("caseId").asText()).isEqualTo(caseId);
		assertThat(entry.get("wantedSince").asText()).isEqualTo(CaseEvents.T0.plusSeconds(7200).toString());
		assertThat(entry.get("reason").asText()).isEqualTo("REMOVAL");
		assertThat(entry.get("criminality").asText()).isEqualTo("SERIOUS");
		assertThat(entry.get("nationality").asText()).isEqualTo("SOM");
		assertThat(entry.get("region").asText()).isEqualTo("SOUTHERN_ONTARIO");
		assertThat(entry.get("reviewDue").asText()).isEqualTo("2021-03-10T16:00:00Z");
		JsonNode list = get("/api/v1/wanted?size=1000&overdueReview=true&criminality=SERIOUS").body();
		assertThat(list.get("total").asLong()).isPositive();
		assertThat(list.get("items").findValuesAsText("caseId")).contains(caseId);

		this.publisher.publish(List.of(CaseEvents.anEvent(caseId, CaseEventType.IMPRISONED, 3, Custody.IN_PRISON)));

		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/wanted/" + caseId).status() == 404);
		assertThat(get("/api/v1/wanted/" + caseId).contentType()).startsWith("application/problem+json");
	}

	@Test
	void anUndecodableCaseEventDoesNotStopTheService() throws Exception {
		String caseId = "M-" + UUID.randomUUID();
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer())) {
			raw.send(
					new ProducerRecord<>(Topics.CASE_EVENTS.name(), caseId, "garbage".getBytes(StandardCharsets.UTF_8)))
				.get(30, TimeUnit.SECONDS);
		}
		this.publisher.publish(CaseEventPublisher.aNoShow(caseId));

		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/wanted/" + caseId).status() == 200);
		assertThat(text("/actuator/prometheus")).contains("kafka_records_undecodable_total{topic=\"case-events\"}");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "criminality=VERY, criminality", "region=YUKON, region", "nationality=haiti, nationality",
			"minYears=-1, minYears", "minYears=two, minYears", "page=-1, page", "size=0, size", "size=1001, size",
			"overdueReview=yes, overdueReview", "overdueReview=false, overdueReview", "unassigned=false, unassigned",
			"unassigned=1, unassigned", "team=gta-east, team", "team=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456, team",
			"sort=oldest, sort", "sort=PRIORITY, sort" })
	void badQueryParametersAre400ProblemsNamingThem(String query, String field) {
		Answer answer = get("/api/v1/wanted?" + query);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body().get("type").asText()).isEqualTo(ProblemHandling.TYPE_PREFIX + "invalid-query");
		assertThat(answer.body().get("title").asText()).isNotBlank();
		assertThat(answer.body().get("detail").asText()).contains(field);
		assertThat(answer.body().get("errors").findValuesAsText("field")).containsExactly(field);
	}

	@Test
	void teamsReviewDatesFiltersAndPriorityOrder() {
		// Teams of this run only: cases other tests left on the broker stay out.
		String team = "HTTP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		String otherTeam = team + "-B";
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String p1 = caseId("P1");
		String p2 = caseId("P2");
		String p3 = caseId("P3");
		String p4 = caseId("P4");
		String p5 = caseId("P5");
		String p6 = caseId("P6");
		String p7 = caseId("P7");
		String reassigned = caseId("Q");
		String unassigned = caseId("U");
		Instant reviewedAt = daysBefore(now, 100);
		publish(wanted(p1, Criminality.CRIMINAL, daysBefore(now, 800)).assignedTo(team, daysBefore(now, 799)));
		publish(wanted(p2, Criminality.NONE, daysBefore(now, 1200)).assignedTo(team, daysBefore(now, 1199)));
		publish(wanted(p3, Criminality.NONE, daysBefore(now, 30)).assignedTo(team, daysBefore(now, 29))
			.nationalityEstablished("ERI", daysBefore(now, 28)));
		publish(wanted(p4, Criminality.SERIOUS, daysBefore(now, 20)).assignedTo(team, daysBefore(now, 19)));
		publish(wanted(p5, Criminality.SERIOUS, daysBefore(now, 40)).assignedTo(team, daysBefore(now, 39)));
		publish(wanted(p6, Criminality.CRIMINAL, daysBefore(now, 50)).assignedTo(team, daysBefore(now, 49)));
		publish(wanted(p7, Criminality.SERIOUS, daysBefore(now, 400)).assignedTo(team, daysBefore(now, 399))
			.reviewed(reviewedAt));
		publish(wanted(reassigned, Criminality.SERIOUS, daysBefore(now, 60)).assignedTo(team, daysBefore(now, 59))
			.assignedTo(otherTeam, daysBefore(now, 58)));
		publish(wanted(unassigned, Criminality.SERIOUS, daysBefore(now, 10)).nationalityEstablished("STATELESS",
				daysBefore(now, 9)));

		String reviewDue = reviewedAt.atZone(ZoneOffset.UTC).plusYears(1).toInstant().toString();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode list = get("/api/v1/wanted?team=" + team).body();
			return list.path("total").asLong() == 7
					&& get("/api/v1/wanted/" + p3).body().path("nationality").asText().equals("ERI")
					&& get("/api/v1/wanted/" + p7).body().path("reviewDue").asText().equals(reviewDue)
					&& get("/api/v1/wanted/" + reassigned).body().path("team").asText().equals(otherTeam)
					&& get("/api/v1/wanted/" + unassigned).body().path("nationality").asText().equals("STATELESS");
		});

		JsonNode byTeam = get("/api/v1/wanted?team=" + team).body();
		assertThat(byTeam.get("total").asLong()).isEqualTo(7);
		assertThat(byTeam.get("items").findValuesAsText("caseId")).containsExactly(p2, p1, p7, p6, p5, p3, p4);
		assertThat(byTeam.get("items").findValuesAsText("team")).containsOnly(team).hasSize(7);
		JsonNode priority = get("/api/v1/wanted?team=" + team + "&sort=priority").body();
		assertThat(priority.get("items").findValuesAsText("caseId")).containsExactly(p1, p2, p7, p5, p4, p6, p3);
		JsonNode secondPage = get("/api/v1/wanted?team=" + team + "&sort=priority&size=2&page=1").body();
		assertThat(secondPage.get("total").asLong()).isEqualTo(7);
		assertThat(secondPage.get("items").findValuesAsText("caseId")).containsExactly(p7, p5);

		JsonNode overdue = get("/api/v1/wanted?overdueReview=true&team=" + team).body();
		assertThat(overdue.get("total").asLong()).isEqualTo(2);
		assertThat(overdue.get("items").findValuesAsText("caseId")).containsExactly(p2, p1);
		JsonNode overdueNone = get("/api/v1/wanted?overdueReview=true&criminality=NONE&team=" + team).body();
		assertThat(overdueNone.get("total").asLong()).isEqualTo(1);
		assertThat(overdueNone.get("items").findValuesAsText("caseId")).containsExactly(p2);
		JsonNode established = get("/api/v1/wanted?nationality=ERI&team=" + team).body();
		assertThat(established.get("items").findValuesAsText("caseId")).containsExactly(p3);
		assertThat(established.get("items").findValuesAsText("nationality")).containsExactly("ERI");
		assertThat(get("/api/v1/wanted?nationality=UNKNOWN&team=" + team).body().get("total").asLong()).isEqualTo(6);

		JsonNode other = get("/api/v1/wanted?team=" + otherTeam).body();
		assertThat(other.get("items").findValuesAsText("caseId")).containsExactly(reassigned);

		JsonNode noTeam = get("/api/v1/wanted?unassigned=true&nationality=STATELESS&size=1000").body();
		assertThat(noTeam.get("items").findValuesAsText("caseId")).contains(unassigned)
			.doesNotContain(p1, p2, p3, p4, p5, p6, p7, reassigned);
		assertThat(noTeam.get("items")).allSatisfy((item) -> assertThat(item.has("team")).isFalse());
		assertThat(get("/api/v1/wanted?unassigned=true&team=" + team).body().get("total").asLong()).isZero();

		JsonNode reviewed = get("/api/v1/wanted/" + p7).body();
		assertThat(reviewed.get("team").asText()).isEqualTo(team);
		assertThat(reviewed.get("reviewDue").asText()).isEqualTo(reviewDue);
		assertThat(reviewed.get("wantedSince").asText()).isEqualTo(daysBefore(now, 400).toString());
		assertThat(get("/api/v1/wanted/" + unassigned).body().has("team")).isFalse();
		assertThat(text("/actuator/prometheus")).contains("wanted_flag_changes_total{change=\"updated\"");
	}

	@Test
	void theStoresChangelogsAreCompactedInSegmentsSmallEnoughToClose() throws Exception {
		String applicationId = this.context.getEnvironment().getProperty("spring.kafka.streams.application-id");
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka().bootstrapServers()))) {
			List<ConfigResource> changelogs = admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter((name) -> name.startsWith(applicationId + "-") && name.endsWith("-changelog"))
				.map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
				.toList();
			Map<ConfigResource, Config> configs = admin.describeConfigs(changelogs).all().get(30, TimeUnit.SECONDS);

			assertThat(changelogs).extracting(ConfigResource::name)
				.containsExactlyInAnyOrder(applicationId + "-wanted-now-changelog",
						applicationId + "-last-applied-sequence-changelog", applicationId + "-latest-review-changelog");
			configs.forEach((topic, config) -> {
				assertThat(config.get("cleanup.policy").value()).as(topic.name()).isEqualTo("compact");
				assertThat(config.get("segment.bytes").value()).as(topic.name()).isEqualTo(String.valueOf(16 << 20));
			});
		}
	}

	@Test
	void prometheusHasWantedNowAndFlagChanges() {
		String caseId = "M-" + UUID.randomUUID();
		this.publisher.publish(CaseEventPublisher.aNoShow(caseId));
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/wanted/" + caseId).status() == 200);

		String metrics = text("/actuator/prometheus");

		assertThat(metrics).containsPattern("(?m)^wanted_now(\\{[^}]*\\})? [1-9]");
		assertThat(metrics).contains("wanted_flag_changes_total{change=\"raised\",reason=\"REMOVAL\"}");
	}

	@Test
	void everySeriesTheOpsDashboardReadsOfMonitoringServiceIsServed() {
		// A flag raised: the dashboard counts flag changes.
		String caseId = caseId("dashboard");
		this.publisher.publish(CaseEventPublisher.aNoShow(caseId));
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/wanted/" + caseId).status() == 200);

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> DashboardQueries.assertServedBy("monitoring-service", text("/actuator/prometheus")));
	}

	private static String caseId(String name) {
		return "M-" + name + "-" + UUID.randomUUID();
	}

	private static Instant daysBefore(Instant now, int days) {
		return now.minus(Duration.ofDays(days));
	}

	/** Opened in the community a day before it missed a hearing, wanted since then. */
	private static CaseHistory wanted(String caseId, Criminality criminality, Instant since) {
		return CaseHistory.openedInCommunity(caseId, criminality, since.minus(Duration.ofDays(1))).missedHearing(since);
	}

	private void publish(CaseHistory history) {
		this.publisher.publish(history.events());
	}

	/**
	 * The access rules (docs/contract.md, Access) for every endpoint. The service writes
	 * nothing over HTTP, so what a refusal must leave unchanged is trivially the same.
	 */
	@TestFactory
	Stream<DynamicContainer> callersWithoutAValidTokenWithTheScopeAreRefused() {
		String caseId = "M-" + UUID.randomUUID();
		this.publisher.publish(CaseEventPublisher.aNoShow(caseId));
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/wanted/" + caseId).status() == 200);
		return AccessBattery.of("http://127.0.0.1:" + this.port, () -> "read-only API",
				Endpoint.get("/api/v1/wanted", "wanted:read", 200),
				Endpoint.get("/api/v1/wanted/" + caseId, "wanted:read", 200),
				Endpoint.get("/actuator/prometheus", "metrics:read", 200),
				Endpoint.get("/actuator/info", "metrics:read", 200));
	}

	@TestFactory
	Stream<DynamicTest> probesAnswerAnyoneWithTheStatusAndOnlyMetricsReadWithDetails() {
		return AccessBattery.probes("http://127.0.0.1:" + this.port);
	}

	private Answer get(String path) {
		return new HttpJson("http://127.0.0.1:" + this.port).get(path);
	}

	private String text(String path) {
		return new HttpJson("http://127.0.0.1:" + this.port).getText(path);
	}

}
