package io.removaltracker.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.removaltracker.events.Topics;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.intake.HearingAttended;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.simulator.AccessTokens;
import io.removaltracker.simulator.CaseScript;
import io.removaltracker.simulator.HttpIntakePublisher;
import io.removaltracker.simulator.IntakeEventJson;
import io.removaltracker.simulator.IntakePublisher;
import io.removaltracker.simulator.KafkaIntakePublisher;
import io.removaltracker.simulator.ReferenceScenario;
import io.removaltracker.simulator.Replay;
import io.removaltracker.simulator.Tally;
import io.removaltracker.simulator.Traffic;
import io.removaltracker.testing.HeadlessChromium;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as a newcomer runs it: the packaged launcher starts a real broker, the
 * registry, the identity provider and the three services as processes; the reference
 * scenario goes in, half its cases over HTTP and half over the Kafka intake topic, and
 * the figures (docs/contract.md, Figures and Enforcement work) come out of
 * {@code GET /api/v1/stats} and {@code GET /api/v1/wanted}. Bad inputs then change
 * nothing, and a stop and a second start on the same data give the same figures. Every
 * API call carries a token the stack's identity provider gave a client of its credentials
 * file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

	private static final Path JAR = Path.of("target", "local-stack.jar");

	private static Path dataDir;

	private static Map<String, Integer> ports;

	private static StackProcess stack;

	private static JsonNode figures;

	@BeforeAll
	static void startTheStack() throws InterruptedException {
		dataDir = StackProcess.freshDataDir(Path.of("target", "e2e-data").toAbsolutePath());
		ports = StackProcess.freePorts();
		stack = StackProcess.start(JAR, dataDir, ports, Map.of(), "--as-of", ReferenceScenario.AS_OF.toString())
			.awaitReady();
	}

	@AfterAll
	static void stopTheStack() throws InterruptedException {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void theReferenceScenarioGivesTheReferenceFigures() throws InterruptedException {
		try (IntakePublisher publisher = new HalfAndHalf(
				new HttpIntakePublisher(stack.url("case-port"), 32, stack.tokens(AccessTokens.UPSTREAM)),
				new KafkaIntakePublisher(stack.bootstrapServers(), stack.url("registry-port"),
						stack.kafkaClientProperties(AccessTokens.UPSTREAM)))) {
			Replay.Result result = Replay.run(Traffic.reference(), publisher, 0, System.out);
			assertThat(result.complete()).as(result.summary()).isTrue();
			assertThat(result.tally().answers()).containsKeys("201 created", "acknowledged");
		}
		HttpJson reporting = reportingApi();
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			JsonNode stats = reporting.get("/api/v1/stats").body();
			assertThat(stats.get("asOf").asText()).isEqualTo("2024-06-30T12:00:00Z");
			assertThat(stats.get("openCases").asInt()).isEqualTo(1635);
			assertThat(stats.at("/wanted/total").asInt()).isEqualTo(599);
			assertThat(stats.at("/wanted/seriousCriminality").asInt()).isEqualTo(431);
			assertThat(stats.at("/wanted/byDuration/THREE_YEARS_OR_MORE").asInt()).isEqualTo(315);
			assertThat(stats.at("/wanted/byDuration/TWO_TO_THREE_YEARS").asInt()).isEqualTo(46);
			assertThat(stats.at("/byStatus/IN_PRISON").asInt()).isEqualTo(401);
			assertThat(stats.at("/byStatus/DETAINED").asInt()).isEqualTo(29);
			assertThat(stats.at("/byStatus/IN_COMMUNITY").asInt()).isEqualTo(606);
			assertThat(stats.at("/wantedTrend/2021-12").asInt()).isEqualTo(469);
		});
		// The enforcement figures, counted from the events in ReferenceScenarioTest.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode stats = reporting.get("/api/v1/stats").body();
			assertThat(stats.at("/wanted/overdueReview").asInt()).isEqualTo(72);
			assertThat(stats.at("/wanted/unassigned").asInt()).isEqualTo(42);
			assertThat(stats.get("byTeam").size()).isEqualTo(18);
			assertThat(stats.at("/byTeam/GREATER-TORONTO-1/open").asInt()).isEqualTo(126);
			assertThat(stats.at("/byTeam/GREATER-TORONTO-1/wanted").asInt()).isEqualTo(43);
			assertThat(stats.at("/byTeam/GREATER-TORONTO-1/overdueReview").asInt()).isEqualTo(4);
			assertThat(stats.at("/nationalityEstablished/total").asInt()).isEqualTo(107);
			assertThat(stats.at("/byNationality/UNKNOWN/open").asInt()).isEqualTo(89);
			assertThat(stats.at("/byNationality/UNKNOWN/wanted").asInt()).isEqualTo(28);
		});
		figures = reporting.get("/api/v1/stats").body();
		assertThat(figures.at("/byNationality/UNKNOWN/open").asInt()).isPositive();
		assertThat(figures.get("byRegion").size()).isEqualTo(7);
		HttpJson monitoring = monitoringApi();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(monitoring.get("/api/v1/wanted").body().get("total").asInt()).isEqualTo(599));
		assertThat(monitoring.get("/api/v1/wanted?criminality=SERIOUS").body().get("total").asInt()).isEqualTo(431);
		// The wanted list counts overdue reviews at the instant of the request, and each
		// wanted case of the scenario fell due for review before July 2025: all overdue.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode team = monitoring.get("/api/v1/wanted?team=GREATER-TORONTO-1").body();
			assertThat(team.get("total").asInt()).isEqualTo(43);
			assertThat(team.at("/items/0/team").asText()).isEqualTo("GREATER-TORONTO-1");
			assertThat(team.at("/items/0/reviewDue").asText()).isNotEmpty();
			assertThat(monitoring.get("/api/v1/wanted?team=GREATER-TORONTO-1&overdueReview=true")
				.body()
				.get("total")
				.asInt()).isEqualTo(43);
			assertThat(monitoring.get("/api/v1/wanted?overdueReview=true").body().get("total").asInt()).isEqualTo(599);
			assertThat(monitoring.get("/api/v1/wanted?unassigned=true").body().get("total").asInt()).isEqualTo(42);
			assertThat(monitoring.get("/api/v1/wanted?nationality=UNKNOWN").body().get("total").asInt()).isEqualTo(28);
		});
	}

	/**
	 * Who did what (docs/contract.md, Access) on the local stack: each canonical event
	 * names who reported it (the upstream client over HTTP, {@code kafka:<source>} over
	 * Kafka), and each read of a case is recorded on {@code access-audit} with the
	 * officer client, never the person.
	 */
	@Test
	@Order(2)
	void eventsNameWhoReportedThemAndCaseReadsAreAudited() throws IOException {
		JsonNode credentials = new com.fasterxml.jackson.databind.ObjectMapper()
			.readTree(stack.credentialsFile().toFile());
		String upstream = credentials.at("/clients/upstream/clientId").asText();
		String officer = credentials.at("/clients/officer/clientId").asText();
		IntakeEvent overHttp = ReferenceScenario.events()
			.stream()
			.filter((event) -> (event.getCaseId().hashCode() & 1) == 0)
			.findFirst()
			.orElseThrow();
		IntakeEvent overKafka = ReferenceScenario.events()
			.stream()
			.filter((event) -> (event.getCaseId().hashCode() & 1) == 1)
			.findFirst()
			.orElseThrow();
		HttpJson cases = new HttpJson(stack.url("case-port"))
			.withAuthorization(stack.tokens(AccessTokens.OFFICER)::authorization);

		JsonNode httpEvents = cases.get("/api/v1/cases/" + overHttp.getCaseId() + "/events").body();
		JsonNode kafkaEvents = cases.get("/api/v1/cases/" + overKafka.getCaseId() + "/events").body();

		assertThat(httpEvents.at("/0/reportedBy").asText()).isEqualTo(upstream);
		String source = overKafka.getSource();
		assertThat(kafkaEvents.at("/0/reportedBy").asText())
			.isEqualTo("kafka:" + ((source != null) ? source : "unknown"));
		// Every registry principal may read schemas; the upstream one is at hand.
		var audit = Topics.ACCESS_AUDIT
			.valueSerde(Map.of("schema.registry.url", stack.url("registry-port"), "basic.auth.credentials.source",
					"USER_INFO", "basic.auth.user.info", stack.registryUserInfo("upstream")))
			.deserializer();
		// Read as the auditor, the principal that may read access-audit.
		List<String> reads = TopicReader.readUntil(stack.kafkaClientProperties("auditor"), Topics.ACCESS_AUDIT.name(),
				new StringDeserializer(), new ByteArrayDeserializer(),
				(record) -> record.key().equals(overHttp.getCaseId()) || record.key().equals(overKafka.getCaseId()), 2)
			.stream()
			.map((record) -> audit.deserialize(record.topic(), record.value()))
			.map((read) -> read.getPrincipal() + " " + read.getAction() + " " + read.getCaseId())
			.toList();
		assertThat(reads).containsExactlyInAnyOrder(officer + " READ_CASE_EVENTS " + overHttp.getCaseId(),
				officer + " READ_CASE_EVENTS " + overKafka.getCaseId());
	}

	/**
	 * The browser sign-in (docs/contract.md, Access) on the local stack: the dashboard
	 * sends a browser without a session to the identity provider, a person signs in on
	 * the provider's own login page with the development user of the credentials file,
	 * and is back on the dashboard, named, with live figures from the stream; sign-out
	 * ends both sessions, so the next visit asks for the password again.
	 */
	@Test
	@Order(3)
	void aPersonSignsInToTheDashboardThroughTheProvidersLoginPage(@TempDir Path profile) throws Exception {
		assertThat(figures).as("the scenario ran first").isNotNull();
		Path chromium = HeadlessChromium.find();
		assumeThat(chromium).as("Chromium is not installed (apt-get install chromium); the sign-in test is skipped")
			.isNotNull();
		JsonNode ops = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stack.credentialsFile().toFile())
			.at("/users/ops");
		String dashboard = stack.url("reporting-port") + "/";
		String signInPage = stack.url("identity-port") + "/login";
		try (HeadlessChromium browser = new HeadlessChromium(chromium, profile)) {
			browser.open(dashboard);
			await().atMost(Duration.ofSeconds(30)).until(browser::currentUrl, signInPage::equals);
			assertThat(browser.evaluate("document.querySelector('input[type=password]') !== null").asBoolean())
				.as("the provider's login page asks for a password")
				.isTrue();

			browser.evaluate("document.querySelector('input[name=password]').value = 'not the password';"
					+ "document.querySelector('input[name=username]').value = " + jsString(ops.get("username").asText())
					+ "; document.querySelector('form').submit()");
			await().atMost(Duration.ofSeconds(30))
				.until(browser::currentUrl, (url) -> url.startsWith(signInPage + "?error"));

			browser.evaluate(
					"document.querySelector('input[name=username]').value = " + jsString(ops.get("username").asText())
							+ "; document.querySelector('input[name=password]').value = "
							+ jsString(ops.get("password").asText()) + "; document.querySelector('form').submit()");
			await().atMost(Duration.ofSeconds(30)).until(browser::currentUrl, dashboard::equals);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> browser.evaluate("document.body.getAttribute('data-rendered')").asText(), "true"::equals);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> browser.evaluate("document.getElementById('signedIn').textContent").asText(),
						ops.get("username").asText()::equals);
			assertThat(browser.evaluate("document.getElementById('signOut').hidden").asBoolean()).isFalse();
			assertThat(browser.evaluate("document.getElementById('status').textContent").asText())
				.startsWith("Live, updated");
			assertThat(browser.evaluate("document.querySelector('[data-figure=\"openCases\"]').textContent").asText())
				.isEqualTo(String.format("%,d", figures.get("openCases").asLong()));
			assertThat(
					browser.evaluate("document.querySelector('[data-figure=\"wanted.total\"]').textContent").asText())
				.isEqualTo(String.format("%,d", figures.at("/wanted/total").asLong()));
			browser.screenshot(Path.of("target", "dashboard-signed-in.png").toAbsolutePath(), 1400, 1550);

			browser.evaluate("document.querySelector('#signOut button').click()");
			await().atMost(Duration.ofSeconds(30)).until(browser::currentUrl, signInPage::equals);
		}
	}

	/** A JavaScript string literal for a value (the credentials are generated text). */
	private static String jsString(String value) {
		return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(value).toString();
	}

	@Test
	@Order(4)
	void badInputsMoveNoFigure() throws Exception {
		assertThat(figures).as("the scenario ran first").isNotNull();
		HttpJson caseService = caseApi();
		List<CaseScript> cases = ReferenceScenario.cases();
		IntakeEvent first = cases.get(0).events().get(0);
		CaseScript closed = cases.stream().filter((script) -> !script.isOpen()).findFirst().orElseThrow();

		HttpJson.Answer notJson = caseService.postJson("{\"eventId\": ");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.contentType()).startsWith("application/problem+json");
		assertThat(caseService.postJson(attended("NO-SUCH-CASE", Instant.parse("2024-01-01T10:00:00Z"))).status())
			.isEqualTo(404);
		assertThat(caseService.postJson(attended(closed.caseId(), Instant.parse("2024-06-29T10:00:00Z"))).status())
			.isEqualTo(409);
		IntakeEvent changed = IntakeEvent.newBuilder(first)
			.setOccurredAt(first.getOccurredAt().plusSeconds(60))
			.build();
		assertThat(caseService.postJson(IntakeEventJson.write(changed)).status()).isEqualTo(409);
		assertThat(
				caseService.postJson(attended(cases.get(1).caseId(), Instant.now().plus(Duration.ofHours(1)))).status())
			.isEqualTo(400);
		assertThat(caseService.postJson(IntakeEventJson.write(first)).status()).as("a repeat").isEqualTo(200);

		String garbageKey = "garbage-" + UUID.randomUUID();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				stack.kafkaClientProperties(AccessTokens.UPSTREAM), new StringSerializer(),
				new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), garbageKey,
						"not avro".getBytes(StandardCharsets.UTF_8)))
				.get();
		}
		try (KafkaIntakePublisher kafka = new KafkaIntakePublisher(stack.bootstrapServers(), stack.url("registry-port"),
				stack.kafkaClientProperties(AccessTokens.UPSTREAM))) {
			kafka.publish(IntakeEvent.newBuilder(first)
				.setEventId(UUID.randomUUID().toString())
				.setCaseId(garbageKey)
				.setType(CaseEventType.HEARING_ATTENDED)
				.setPayload(new HearingAttended("H-1"))
				.build());
			kafka.flush();
			assertThat(kafka.tally().failedCount()).isZero();
		}
		// No principal of the contract reads case-intake-rejected: the test reads it as
		// the stack's operator (the admin).
		assertThat(TopicReader.readUntil(stack.kafkaClientProperties("admin"), Topics.CASE_INTAKE_REJECTED.name(),
				new StringDeserializer(), new ByteArrayDeserializer(), (record) -> garbageKey.equals(record.key()), 2))
			.hasSize(2);

		HttpJson reporting = reportingApi();
		assertThat(reporting.get("/api/v1/stats").body()).isEqualTo(figures);
		assertThat(monitoringApi().get("/api/v1/wanted").body().get("total").asInt()).isEqualTo(599);
	}

	@Test
	@Order(5)
	void aStopAndASecondStartOnTheSameDataGiveTheSameFigures() throws InterruptedException, IOException {
		assertThat(figures).as("the scenario ran first").isNotNull();
		int code = stack.terminate();
		assertThat(code).as(stack.output()).isIn(0, 143);
		assertThat(stack.output()).contains("case-service stopped", "kafka stopped", "All stopped", "Peak memory");
		assertThat(Files.exists(dataDir.resolve("kafka").resolve("log").resolve("meta.properties"))).isTrue();

		stack = StackProcess.start(JAR, dataDir, ports, Map.of(), "--as-of", ReferenceScenario.AS_OF.toString())
			.awaitReady();
		assertThat(stack.output()).contains("Topics: 7 (0 created now)");
		HttpJson reporting = reportingApi();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(reporting.get("/api/v1/stats").body()).isEqualTo(figures));
	}

	/** The figures, read with the dashboard client's token. */
	private static HttpJson reportingApi() {
		return new HttpJson(stack.url("reporting-port"))
			.withAuthorization(stack.tokens(AccessTokens.DASHBOARD)::authorization);
	}

	/** The wanted list, read with the officer client's token. */
	private static HttpJson monitoringApi() {
		return new HttpJson(stack.url("monitoring-port"))
			.withAuthorization(stack.tokens(AccessTokens.OFFICER)::authorization);
	}

	/** Events, sent with the upstream client's token. */
	private static HttpJson caseApi() {
		return new HttpJson(stack.url("case-port"))
			.withAuthorization(stack.tokens(AccessTokens.UPSTREAM)::authorization);
	}

	private static String attended(String caseId, Instant at) {
		return """
				{"eventId": "%s", "caseId": "%s", "type": "HEARING_ATTENDED", "occurredAt": "%s", "hearingId": "H-1"}
				""".formatted(UUID.randomUUID(), caseId, at);
	}

	/**
	 * Sends each case through one of two publishers, chosen by the case, so both channels
	 * carry whole cases in order.
	 */
	private record HalfAndHalf(IntakePublisher even, IntakePublisher odd) implements IntakePublisher {

		@Override
		public void publish(IntakeEvent event) throws InterruptedException {
			((event.getCaseId().hashCode() & 1) == 0 ? this.even : this.odd).publish(event);
		}

		@Override
		public void flush() throws InterruptedException {
			this.even.flush();
			this.odd.flush();
		}

		@Override
		public Tally tally() {
			return Tally.merged(this.even.tally(), this.odd.tally());
		}

		@Override
		public String describe() {
			return this.even.describe() + " and " + this.odd.describe();
		}

		@Override
		public void close() {
			this.even.close();
			this.odd.close();
		}

	}

}
