package io.removaltracker.caseservice.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.removaltracker.caseservice.TestBearerTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.events.Topic;
import io.removaltracker.events.Topics;
import io.removaltracker.events.audit.AccessAction;
import io.removaltracker.events.audit.CaseAccessed;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.service.ProblemHandling;
import io.removaltracker.testing.AccessBattery;
import io.removaltracker.testing.AccessBattery.Endpoint;
import io.removaltracker.testing.DashboardQueries;
import io.removaltracker.testing.HttpJson.Answer;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.SharedKafka;
import io.removaltracker.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.removaltracker.caseservice.api.IntakeJsonFixtures.PERSON_ID;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.anyCaseId;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.caseOpened;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.caseOpenedInCommunity;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * case-service over real HTTP against a real broker in the test JVM: answers of the
 * contract, the refusals of the state machine, the bad-input battery, and who may call
 * what (the access battery).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class CaseServiceHttpTest implements CaseServiceApiDocsDrift {

	@TempDir
	static Path stateDir;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	private HttpJson http;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		SharedKafka.serviceSettings(registry, SharedKafka.REGISTRY_URL, stateDir);
	}

	@BeforeEach
	void ready() {
		this.http = new HttpJson("http://127.0.0.1:" + this.port);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);
	}

	@Override
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public ApplicationContext context() {
		return this.context;
	}

	@Test
	void acceptedEventsAnswer201WithTheCanonicalEvent() {
		String caseId = anyCaseId();

		Answer opened = this.http.postJson(caseOpenedInCommunity(caseId));
		Answer scheduled = this.http.postJson(event(caseId, "HEARING_SCHEDULED",
				"\"hearingId\": \"H-1\", \"hearingType\": \"REPORTING\", \"scheduledFor\": \"2030-01-02T10:00:00Z\""));

		assertThat(opened.status()).isEqualTo(201);
		assertThat(opened.location()).isEqualTo("/api/v1/cases/" + caseId);
		assertThat(opened.body().get("sequence").asLong()).isEqualTo(1);
		assertThat(opened.body().get("personId").asText()).isEqualTo(PERSON_ID);
		assertThat(opened.body().get("case").get("custody").asText()).isEqualTo("IN_COMMUNITY");
		assertThat(opened.body().get("case").get("conditions").toString()).isEqualTo("[\"REPORTING\"]");
		assertThat(opened.body().get("recordedAt").asText()).isNotBlank();
		assertThat(scheduled.status()).isEqualTo(201);
		assertThat(scheduled.body().get("sequence").asLong()).isEqualTo(2);
		assertThat(scheduled.body().get("scheduledFor").asText()).isEqualTo("2030-01-02T10:00:00Z");
	}

	@Test
	void caseAndItsEventsAreReadBack() {
		String caseId = anyCaseId();
		this.http.postJson(caseOpenedInCommunity(caseId));
		this.http.postJson(event(caseId, "ARRESTED", "\"arrestedBy\": \"POLICE\""));

		Answer state = this.http.get("/api/v1/cases/" + caseId);
		Answer events = this.http.get("/api/v1/cases/" + caseId + "/events");

		assertThat(state.status()).isEqualTo(200);
		assertThat(state.body().get("caseId").asText()).isEqualTo(caseId);
		assertThat(state.body().get("lastSequence").asLong()).isEqualTo(2);
		assertThat(state.body().get("custody").asText()).isEqualTo("DETAINED");
		assertThat(state.body().get("conditions").size()).isZero();
		assertThat(events.body()).extracting((node) -> node.get("type").asText())
			.containsExactly("CASE_OPENED", "ARRESTED");
		assertThat(this.http.get("/api/v1/cases/" + anyCaseId()).status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/cases/" + anyCaseId() + "/events").status()).isEqualTo(404);
	}

	@Test
	void repeatedEventAnswers200WithTheFirstResultAndIsNotAppliedTwice() {
		String caseId = anyCaseId();
		String opened = caseOpenedInCommunity(caseId);

		Answer first = this.http.postJson(opened);
		Answer again = this.http.postJson(opened);

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(this.http.get("/api/v1/cases/" + caseId + "/events").body().size()).isEqualTo(1);
	}

	@Test
	void eventIdReusedWithOtherContentIs409() {
		String caseId = anyCaseId();
		String eventId = UUID.randomUUID().toString();
		this.http.postJson(caseOpened(eventId, caseId, "IN_COMMUNITY", "[]"));

		Answer reused = this.http.postJson(caseOpened(eventId, caseId, "DETAINED", "[]"));

		assertProblem(reused, 409, "event-id-conflict");
		assertThat(reused.body().get("detail").asText()).contains(eventId);
	}

	@Test
	void stateRulesAnswer404And409SayingWhichRule() {
		String caseId = anyCaseId();
		assertProblem(this.http.postJson(event(caseId, "STAY_LIFTED", "")), 404, "case-not-found");

		this.http.postJson(caseOpenedInCommunity(caseId));
		assertProblem(this.http.postJson(caseOpenedInCommunity(caseId)), 409, "case-exists");
		Answer notAllowed = this.http.postJson(event(caseId, "RELEASED_ON_CONDITIONS", "\"conditions\": []"));
		assertProblem(notAllowed, 409, "transition-not-allowed");
		assertThat(notAllowed.body().get("detail").asText()).contains("only while custody is DETAINED");

		this.http.postJson(event(caseId, "CASE_CLOSED", "\"closeReason\": \"STATUS_GRANTED\""));
		assertProblem(this.http.postJson(event(caseId, "HEARING_ATTENDED", "\"hearingId\": \"H-1\"")), 409,
				"case-closed");
	}

	@Test
	void missedHearingNeitherScheduledHereNorDescribedIs400() {
		String caseId = anyCaseId();
		this.http.postJson(caseOpenedInCommunity(caseId));

		Answer missed = this.http.postJson(event(caseId, "HEARING_MISSED", "\"hearingId\": \"H-404\""));

		assertProblem(missed, 400, "invalid-event");
		assertThat(fields(missed)).containsExactlyInAnyOrder("hearingType", "scheduledFor");
	}

	@Test
	void enforcementEventsAreAcceptedAndTheTeamShowsInTheCaseOnceAssigned() {
		String caseId = anyCaseId();
		this.http.postJson(caseOpenedInCommunity(caseId));
		assertThat(this.http.get("/api/v1/cases/" + caseId).body().has("team")).isFalse();

		Answer assigned = this.http.postJson(event(caseId, "ASSIGNED_TO_TEAM", "\"team\": \"PAC-VAN-3\""));
		Answer established = this.http.postJson(event(caseId, "NATIONALITY_ESTABLISHED", "\"nationality\": \"HTI\""));
		Answer reviewed = this.http.postJson(event(caseId, "REVIEW_COMPLETED", ""));
		Answer state = this.http.get("/api/v1/cases/" + caseId);

		assertThat(assigned.status()).isEqualTo(201);
		assertThat(assigned.body().get("team").asText()).isEqualTo("PAC-VAN-3");
		assertThat(assigned.body().get("case").get("team").asText()).isEqualTo("PAC-VAN-3");
		assertThat(established.status()).isEqualTo(201);
		assertThat(established.body().get("nationality").asText()).isEqualTo("HTI");
		assertThat(established.body().get("case").get("nationality").asText()).isEqualTo("HTI");
		assertThat(reviewed.status()).isEqualTo(201);
		assertThat(reviewed.body().get("case")).isEqualTo(established.body().get("case"));
		assertThat(state.body().get("lastSequence").asLong()).isEqualTo(4);
		assertThat(state.body().get("team").asText()).isEqualTo("PAC-VAN-3");
		assertThat(state.body().get("nationality").asText()).isEqualTo("HTI");
	}

	@Test
	void enforcementEventsTheCaseCannotTakeAre404Or409() {
		String caseId = anyCaseId();
		assertProblem(this.http.postJson(event(caseId, "REVIEW_COMPLETED", "")), 404, "case-not-found");

		this.http.postJson(caseOpenedInCommunity(caseId));
		this.http.postJson(event(caseId, "ASSIGNED_TO_TEAM", "\"team\": \"PAC-VAN-3\""));
		Answer sameTeam = this.http.postJson(event(caseId, "ASSIGNED_TO_TEAM", "\"team\": \"PAC-VAN-3\""));
		this.http.postJson(event(caseId, "NATIONALITY_ESTABLISHED", "\"nationality\": \"STATELESS\""));
		Answer sameNationality = this.http
			.postJson(event(caseId, "NATIONALITY_ESTABLISHED", "\"nationality\": \"STATELESS\""));
		this.http.postJson(event(caseId, "CASE_CLOSED", "\"closeReason\": \"DECEASED\""));
		Answer reviewOfAClosedCase = this.http.postJson(event(caseId, "REVIEW_COMPLETED", ""));

		assertProblem(sameTeam, 409, "transition-not-allowed");
		assertThat(sameTeam.body().get("detail").asText()).contains("already assigned to PAC-VAN-3");
		assertProblem(sameNationality, 409, "transition-not-allowed");
		assertThat(sameNationality.body().get("detail").asText()).contains("already STATELESS");
		assertProblem(reviewOfAClosedCase, 409, "case-closed");
		assertThat(this.http.get("/api/v1/cases/" + caseId + "/events").body())
			.extracting((e) -> e.get("type").asText())
			.containsExactly("CASE_OPENED", "ASSIGNED_TO_TEAM", "NATIONALITY_ESTABLISHED", "CASE_CLOSED");
	}

	@Test
	void aMalformedFieldIs400EvenForAClosedCase() {
		String caseId = anyCaseId();
		this.http.postJson(caseOpenedInCommunity(caseId));
		this.http.postJson(event(caseId, "CASE_CLOSED", "\"closeReason\": \"DECEASED\""));

		Answer badTeam = this.http.postJson(event(caseId, "ASSIGNED_TO_TEAM", "\"team\": \"pac-van-3\""));

		assertProblem(badTeam, 400, "invalid-event");
		assertThat(fields(badTeam)).containsExactly("team");
	}

	static Stream<Arguments> badInput() {
		String caseId = "C-BAD-INPUT";
		String future = Instant.now().plusSeconds(3600).toString();
		return Stream.of(Arguments.of("not JSON", "application/json", "{\"eventId\": ", 400, List.of()),
				Arguments.of("a JSON array", "application/json", "[1, 2]", 400, List.of()),
				Arguments.of("wrong JSON types", "application/json",
						"{\"eventId\": 42, \"caseId\": [\"x\"], \"type\": \"STAY_LIFTED\", \"occurredAt\": true}", 400,
						List.of("eventId", "caseId", "occurredAt")),
				Arguments.of("missing required fields", "application/json", "{\"type\": \"ARRESTED\"}", 400,
						List.of("eventId", "caseId", "occurredAt", "arrestedBy")),
				Arguments.of("unknown type", "application/json", event(caseId, "DEPORTED_TWICE", ""), 400,
						List.of("type")),
				Arguments.of("unknown enum value", "application/json",
						event(caseId, "ARRESTED", "\"arrestedBy\": \"ARMY\""), 400, List.of("arrestedBy")),
				Arguments.of("caseId with forbidden characters", "application/json", event("C 1/2", "STAY_LIFTED", ""),
						400, List.of("caseId")),
				Arguments.of("caseId too long", "application/json", event("C".repeat(65), "STAY_LIFTED", ""), 400,
						List.of("caseId")),
				Arguments.of("malformed UUID", "application/json",
						"{\"eventId\": \"1234\", \"caseId\": \"C-1\", \"type\": \"STAY_LIFTED\", \"occurredAt\": \"2024-01-01T00:00:00Z\"}",
						400, List.of("eventId")),
				Arguments.of("occurredAt more than 5 minutes ahead", "application/json",
						"{\"eventId\": \"" + UUID.randomUUID()
								+ "\", \"caseId\": \"C-1\", \"type\": \"STAY_LIFTED\", \"occurredAt\": \"" + future
								+ "\"}",
						400, List.of("occurredAt")),
				Arguments.of("conditions with a custody that allows none", "application/json",
						caseOpened(UUID.randomUUID().toString(), caseId, "DETAINED", "[\"REPORTING\"]"), 400,
						List.of("conditions")),
				Arguments.of("team in lower case", "application/json",
						event(caseId, "ASSIGNED_TO_TEAM", "\"team\": \"gta-east-2\""), 400, List.of("team")),
				Arguments.of("team of 33 characters", "application/json",
						event(caseId, "ASSIGNED_TO_TEAM", "\"team\": \"" + "T".repeat(33) + "\""), 400,
						List.of("team")),
				Arguments.of("team missing", "application/json", event(caseId, "ASSIGNED_TO_TEAM", ""), 400,
						List.of("team")),
				Arguments.of("team not a string", "application/json", event(caseId, "ASSIGNED_TO_TEAM", "\"team\": 7"),
						400, List.of("team")),
				Arguments.of("UNKNOWN established as a nationality", "application/json",
						event(caseId, "NATIONALITY_ESTABLISHED", "\"nationality\": \"UNKNOWN\""), 400,
						List.of("nationality")),
				Arguments.of("established nationality in lower case", "application/json",
						event(caseId, "NATIONALITY_ESTABLISHED", "\"nationality\": \"hti\""), 400,
						List.of("nationality")),
				Arguments.of("established nationality missing", "application/json",
						event(caseId, "NATIONALITY_ESTABLISHED", ""), 400, List.of("nationality")),
				Arguments.of("body over 64 KiB", "application/json",
						event(caseId, "REMOVED", "\"padding\": \"" + "x".repeat(70_000) + "\""), 413, List.of()),
				Arguments.of("wrong content type", "text/plain", caseOpenedInCommunity(caseId), 415, List.of()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInput")
	void badInputIsAProblemAndWritesNothing(String what, String contentType, String body, int status,
			List<String> fields) throws Exception {
		Map<TopicPartition, Long> before = intakeEndOffsets();

		Answer answer = this.http.post("/api/v1/events", contentType, body);

		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body().get("type").asText()).isNotBlank();
		assertThat(answer.body().get("title").asText()).isNotBlank();
		assertThat(answer.body().get("status").asInt()).isEqualTo(status);
		assertThat(answer.body().get("detail").asText()).isNotBlank();
		if (!fields.isEmpty()) {
			assertThat(fields(answer)).containsExactlyInAnyOrderElementsOf(fields);
		}
		assertThat(intakeEndOffsets()).isEqualTo(before);
	}

	/**
	 * The access rules (docs/contract.md, Access) for every endpoint; a refused POST
	 * leaves both topics as they were, and a refused read of a case answers a problem,
	 * never the case.
	 */
	@TestFactory
	Stream<DynamicContainer> callersWithoutAValidTokenWithTheScopeAreRefusedAndNothingIsWritten() {
		String caseId = anyCaseId();
		assertThat(this.http.postJson(caseOpenedInCommunity(caseId)).status()).isEqualTo(201);
		return AccessBattery.of(this.http.baseUrl(), CaseServiceHttpTest::writtenEndOffsets,
				Endpoint.post("/api/v1/events", caseOpenedInCommunity(anyCaseId()), "events:write", 201),
				Endpoint.get("/api/v1/cases/" + caseId, "cases:read", 200),
				Endpoint.get("/api/v1/cases/" + caseId + "/events", "cases:read", 200),
				Endpoint.get("/actuator/prometheus", "metrics:read", 200),
				Endpoint.get("/actuator/info", "metrics:read", 200), Endpoint.get("/actuator", "metrics:read", 200));
	}

	@TestFactory
	Stream<DynamicTest> probesAnswerAnyoneWithTheStatusAndOnlyMetricsReadWithDetails() {
		return AccessBattery.probes(this.http.baseUrl());
	}

	@Test
	void eventsReportedOverHttpNameTheCallersClientElseThePerson() {
		String caseId = anyCaseId();

		Answer opened = withToken("client_id=intake-portal,azp=other,sub=service-account-1")
			.post(caseOpenedInCommunity(caseId));
		Answer arrested = withToken("sub=ops").post(event(caseId, "ARRESTED", "\"arrestedBy\": \"POLICE\""));

		assertThat(opened.status()).isEqualTo(201);
		assertThat(opened.body().get("reportedBy").asText()).isEqualTo("intake-portal");
		assertThat(arrested.body().get("reportedBy").asText()).isEqualTo("ops");
		List<ConsumerRecord<String, CaseEvent>> recorded = TopicReader.readUntil(SharedKafka.bootstrapServers(),
				Topics.CASE_EVENTS.name(), new StringDeserializer(),
				Topics.CASE_EVENTS.valueSerde(Map.of("schema.registry.url", SharedKafka.REGISTRY_URL)).deserializer(),
				(record) -> caseId.equals(record.key()), 2);
		assertThat(recorded).extracting((record) -> record.value().getReportedBy())
			.containsExactly("intake-portal", "ops");
	}

	@Test
	void everyReadOfACaseIsRecordedOnAccessAuditWithoutThePerson() {
		String caseId = anyCaseId();
		String unknown = anyCaseId();
		withToken("client_id=intake-portal").post(caseOpenedInCommunity(caseId));
		Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		Caller officer = withToken("azp=officer-console,sub=4f1c");

		assertThat(officer.get("/api/v1/cases/" + caseId).status()).isEqualTo(200);
		assertThat(officer.get("/api/v1/cases/" + caseId + "/events").status()).isEqualTo(200);
		assertThat(officer.get("/api/v1/cases/" + unknown).status()).isEqualTo(404);

		List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(SharedKafka.bootstrapServers(),
				Topics.ACCESS_AUDIT.name(), new StringDeserializer(), new ByteArrayDeserializer(),
				(record) -> caseId.equals(record.key()) || unknown.equals(record.key()), 3);
		var reader = Topics.ACCESS_AUDIT.valueSerde(Map.of("schema.registry.url", SharedKafka.REGISTRY_URL))
			.deserializer();
		List<CaseAccessed> reads = records.stream()
			.map((record) -> reader.deserialize(record.topic(), record.value()))
			.toList();
		assertThat(reads).extracting(CaseAccessed::getPrincipal).containsOnly("officer-console");
		assertThat(reads).extracting(CaseAccessed::getCaseId, CaseAccessed::getAction, CaseAccessed::getFound)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(caseId, AccessAction.READ_CASE, true),
					org.assertj.core.groups.Tuple.tuple(caseId, AccessAction.READ_CASE_EVENTS, true),
					org.assertj.core.groups.Tuple.tuple(unknown, AccessAction.READ_CASE, false));
		assertThat(reads).allSatisfy((read) -> assertThat(read.getAt()).isBetween(before, Instant.now()));
		assertThat(records).allSatisfy(
				(record) -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(PERSON_ID));
	}

	@Test
	void personIdsStayOutOfTheLogs(CapturedOutput output) {
		String caseId = anyCaseId();
		this.http.postJson(caseOpenedInCommunity(caseId));
		this.http.postJson(caseOpenedInCommunity(caseId));
		this.http.get("/api/v1/cases/" + caseId);

		assertThat(output.getAll()).doesNotContain(PERSON_ID);
	}

	@Test
	void prometheusCountsVerdictsByTypeAndReason() {
		String caseId = anyCaseId();
		this.http.postJson(caseOpenedInCommunity(caseId));
		this.http.postJson(caseOpenedInCommunity(caseId));

		String metrics = HttpJson.text("http://127.0.0.1:" + this.port + "/actuator/prometheus");

		assertThat(metrics).contains(
				"case_intake_events_total{channel=\"http\",outcome=\"accepted\",reason=\"none\",type=\"CASE_OPENED\"}");
		assertThat(metrics).contains("reason=\"case-exists\"");
		assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag");
	}

	@Test
	void everySeriesTheOpsDashboardReadsOfCaseServiceIsServed() {
		// An accepted event and a rejected one, the outcomes the dashboard counts.
		String caseId = anyCaseId();
		this.http.postJson(caseOpenedInCommunity(caseId));
		this.http.postJson(caseOpenedInCommunity(caseId));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> DashboardQueries.assertServedBy("case-service",
					HttpJson.text("http://127.0.0.1:" + this.port + "/actuator/prometheus")));
	}

	private Caller withToken(String claims) {
		return new Caller("http://127.0.0.1:" + this.port, TestBearerTokens.bearer(claims));
	}

	/** A client with a bearer token; answers as {@link HttpJson} gives them. */
	private record Caller(String baseUrl, String authorization) {

		private static final HttpClient HTTP = HttpClient.newHttpClient();

		Answer get(String path) {
			return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
		}

		Answer post(String json) {
			return send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/api/v1/events"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json)));
		}

		private Answer send(HttpRequest.Builder request) {
			try {
				HttpResponse<String> response = HTTP.send(request.header("Authorization", this.authorization).build(),
						HttpResponse.BodyHandlers.ofString());
				return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
						new ObjectMapper().readTree(response.body()), null);
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	private static void assertProblem(Answer answer, int status, String rule) {
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body().get("type").asText()).isEqualTo(ProblemHandling.TYPE_PREFIX + rule);
		assertThat(answer.body().get("status").asInt()).isEqualTo(status);
	}

	private static List<String> fields(Answer answer) {
		return java.util.stream.StreamSupport.stream(answer.body().path("errors").spliterator(), false)
			.map((error) -> error.get("field").asText())
			.toList();
	}

	private static Map<TopicPartition, Long> intakeEndOffsets() throws Exception {
		return endOffsets(Topics.CASE_INTAKE);
	}

	/** What case-service has written: the end of case-intake and of case-events. */
	private static Map<TopicPartition, Long> writtenEndOffsets() {
		try {
			return endOffsets(Topics.CASE_INTAKE, Topics.CASE_EVENTS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<TopicPartition, Long> endOffsets(Topic<?>... topics) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
			Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
			for (Topic<?> topic : topics) {
				for (int p = 0; p < topic.partitions(); p++) {
					latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
				}
			}
			Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
			admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
			return offsets;
		}
	}

}
