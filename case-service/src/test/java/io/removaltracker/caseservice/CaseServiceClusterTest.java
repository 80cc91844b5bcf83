package io.removaltracker.caseservice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.removaltracker.caseservice.rules.CaseFixtures;
import io.removaltracker.events.Topics;
import io.removaltracker.events.audit.AccessAction;
import io.removaltracker.events.audit.CaseAccessed;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.testing.HttpJson.Answer;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.PrivateKafka;
import io.removaltracker.testing.TestIssuer;
import io.removaltracker.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.removaltracker.caseservice.api.IntakeJsonFixtures.anyCaseId;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.caseOpenedInCommunity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several case-service instances against one real broker of their own: the single writer
 * per case under concurrent HTTP and Kafka intake, a rebuild from Kafka alone, and a
 * crash while requests are in flight.
 */
class CaseServiceClusterTest {

	private static final String REGISTRY = "mock://case-service-cluster-test";

	/** What a deployment of several instances gives every one of them. */
	private static final String SIGNING_SECRET = "the secret the instances of this test share";

	@RegisterExtension
	static final PrivateKafka kafka = new PrivateKafka();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	Path stateRoot;

	@Test
	void twoInstancesFedConcurrentlyOverHttpAndKafkaKeepEveryCaseGapless() throws Exception {
		try (ConfigurableApplicationContext a = start("a");
				ConfigurableApplicationContext b = start("b");
				KafkaProducer<String, IntakeEvent> kafka = intakeProducer()) {
			List<HttpJson> instances = List.of(http(a), http(b));
			instances.forEach(CaseServiceClusterTest::awaitReady);
			List<CaseEventType> lifecycle = List.of(CaseEventType.CASE_OPENED, CaseEventType.HEARING_SCHEDULED,
					CaseEventType.HEARING_MISSED, CaseEventType.ARRESTED, CaseEventType.RELEASED_ON_CONDITIONS,
					CaseEventType.HEARING_ATTENDED);
			int cases = 40;
			List<String> caseIds = new ArrayList<>();
			ExecutorService clients = Executors.newFixedThreadPool(8);
			List<Future<?>> done = new ArrayList<>();
			for (int c = 0; c < cases; c++) {
				String caseId = "CL-" + c + "-" + UUID.randomUUID().toString().substring(0, 8);
				caseIds.add(caseId);
				int index = c;
				done.add(clients.submit(() -> {
					for (int e = 0; e < lifecycle.size(); e++) {
						IntakeEvent event = eventOf(lifecycle.get(e), caseId);
						send(event, (index + e) % 3, instances, kafka);
						if (e == 1) {
							// The same event again over another channel: recorded once.
							send(event, (index + e + 1) % 3, instances, kafka);
						}
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(120, TimeUnit.SECONDS);
			}
			clients.shutdown();

			Map<String, List<CaseEvent>> byCase = canonicalEvents(Set.copyOf(caseIds), cases * lifecycle.size());
			assertThat(byCase).hasSize(cases);
			byCase.forEach((caseId, events) -> {
				assertThat(events).as(caseId)
					.extracting(CaseEvent::getSequence)
					.containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
				assertThat(events).as(caseId).extracting(CaseEvent::getType).containsExactlyElementsOf(lifecycle);
				assertThat(events.stream().map(CaseEvent::getEventId).distinct()).hasSize(lifecycle.size());
			});
			for (String caseId : caseIds) {
				for (HttpJson instance : instances) {
					assertThat(instance.get("/api/v1/cases/" + caseId).body().get("lastSequence").asLong())
						.isEqualTo(6);
				}
			}
		}
	}

	@Test
	void eachReadIsRecordedOnceByTheInstanceThatTookItAndEventsKeepTheirCallerAcrossInstances() {
		try (ConfigurableApplicationContext a = start("audit-a"); ConfigurableApplicationContext b = start("audit-b")) {
			List<String> baseUrls = List.of(http(a).baseUrl(), http(b).baseUrl());
			List.of(http(a), http(b)).forEach(CaseServiceClusterTest::awaitReady);
			List<String> caseIds = new ArrayList<>();
			for (int c = 0; c < 8; c++) {
				String caseId = anyCaseId();
				caseIds.add(caseId);
				// Over instance a, whichever instance decides the case.
				untilAnswered(baseUrls.get(0), "POST", TestBearerTokens.bearer("client_id=intake-portal"),
						caseOpenedInCommunity(caseId));
			}

			// Each case read once at each instance: one of the two holds it and the other
			// passes the read on, with the caller's token.
			for (String caseId : caseIds) {
				for (String baseUrl : baseUrls) {
					assertThat(untilAnswered(baseUrl + "/api/v1/cases/" + caseId, "GET",
							TestBearerTokens.bearer("azp=officer-console,sub=4f1c"), null))
						.isEqualTo(200);
				}
			}

			List<ConsumerRecord<String, CaseAccessed>> reads = TopicReader.readUntil(kafka.bootstrapServers(),
					Topics.ACCESS_AUDIT.name(), new StringDeserializer(),
					Topics.ACCESS_AUDIT.valueSerde(Map.of("schema.registry.url", REGISTRY)).deserializer(),
					(record) -> caseIds.contains(record.key()), 2 * caseIds.size());
			assertThat(reads).hasSize(2 * caseIds.size());
			assertThat(reads).allSatisfy((record) -> {
				assertThat(record.value().getPrincipal()).isEqualTo("officer-console");
				assertThat(record.value().getAction()).isEqualTo(AccessAction.READ_CASE);
				assertThat(record.value().getFound()).isTrue();
			});
			Map<String, Long> readsPerCase = reads.stream()
				.collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
			assertThat(readsPerCase).hasSize(caseIds.size())
				.allSatisfy((caseId, count) -> assertThat(count).isEqualTo(2));
			assertThat(canonicalEvents(Set.copyOf(caseIds), caseIds.size()).values()).allSatisfy(
					(events) -> assertThat(events).extracting(CaseEvent::getReportedBy).containsOnly("intake-portal"));
		}
	}

	@Test
	void aFreshInstanceWithAnEmptyStateDirectoryAnswersTheSame() {
		List<String> caseIds = List.of(anyCaseId(), anyCaseId(), anyCaseId());
		Map<String, String> statesBefore = new ConcurrentHashMap<>();
		Map<String, String> eventsBefore = new ConcurrentHashMap<>();
		Map<String, String> openings = new ConcurrentHashMap<>();
		try (ConfigurableApplicationContext first = start("first")) {
			HttpJson http = http(first);
			awaitReady(http);
			for (String caseId : caseIds) {
				openings.put(caseId, caseOpenedInCommunity(caseId));
				assertThat(http.postJson(openings.get(caseId)).status()).isEqualTo(201);
				assertThat(http.postJson(json(caseId, "ARRESTED", "\"arrestedBy\": \"CBSA\"")).status()).isEqualTo(201);
				statesBefore.put(caseId, http.get("/api/v1/cases/" + caseId).body().toString());
				eventsBefore.put(caseId, http.get("/api/v1/cases/" + caseId + "/events").body().toString());
			}
		}

		try (ConfigurableApplicationContext fresh = start("fresh-" + UUID.randomUUID())) {
			HttpJson http = http(fresh);
			awaitReady(http);
			for (String caseId : caseIds) {
				assertThat(http.get("/api/v1/cases/" + caseId).body().toString()).isEqualTo(statesBefore.get(caseId));
				assertThat(http.get("/api/v1/cases/" + caseId + "/events").body().toString())
					.isEqualTo(eventsBefore.get(caseId));
				Answer repeat = http.postJson(openings.get(caseId));
				assertThat(repeat.status()).as("accepted eventIds are remembered in Kafka").isEqualTo(200);
				assertThat(repeat.body().get("sequence").asLong()).isEqualTo(1);
				Answer next = http.postJson(json(caseId, "IMPRISONED", ""));
				assertThat(next.status()).isEqualTo(201);
				assertThat(next.body().get("sequence").asLong()).isEqualTo(3);
			}
		}
	}

	@Test
	void anInstanceShuttingDownMidTrafficToldNoCallerAcceptedForAnEventNotRecorded() throws Exception {
		Set<String> acceptedEventIds;
		try (ConfigurableApplicationContext survivor = start("survivor")) {
			awaitReady(http(survivor));
			ConfigurableApplicationContext leaving = start("leaving");
			HttpJson target = http(leaving);
			awaitReady(target);
			try (OpeningTraffic traffic = new OpeningTraffic(target, 4, 30)) {
				assertThat(traffic.awaitAccepted(60)).isTrue();
				leaving.close();
				acceptedEventIds = traffic.stop();
			}
		}

		List<ConsumerRecord<String, CaseEvent>> recorded = TopicReader.readUntil(kafka.bootstrapServers(),
				Topics.CASE_EVENTS.name(), new StringDeserializer(),
				Topics.CASE_EVENTS.valueSerde(Map.of("schema.registry.url", REGISTRY)).deserializer(),
				(record) -> acceptedEventIds.contains(record.value().getEventId()), acceptedEventIds.size());
		assertThat(recorded.stream().map((record) -> record.value().getEventId()).collect(Collectors.toSet()))
			.containsAll(acceptedEventIds);
	}

	private Map<String, List<CaseEvent>> canonicalEvents(Set<String> caseIds, int expected) {
		List<ConsumerRecord<String, CaseEvent>> records = TopicReader.readUntil(kafka.bootstrapServers(),
				Topics.CASE_EVENTS.name(), new StringDeserializer(),
				Topics.CASE_EVENTS.valueSerde(Map.of("schema.registry.url", REGISTRY)).deserializer(),
				(record) -> caseIds.contains(record.key()), expected);
		Map<String, List<CaseEvent>> byCase = new java.util.TreeMap<>();
		records.forEach((record) -> byCase.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(record.value()));
		return byCase;
	}

	/**
	 * Sends over HTTP to instance 0 or 1, or over Kafka (2); HTTP retries while
	 * partitions move.
	 */
	private static void send(IntakeEvent event, int channel, List<HttpJson> instances,
			KafkaProducer<String, IntakeEvent> kafka) throws Exception {
		if (channel == 2) {
			kafka.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), event.getCaseId(), event))
				.get(30, TimeUnit.SECONDS);
			return;
		}
		String body = IntakeJsonOf.event(event);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			int status = instances.get(channel).postJson(body).status();
			assertThat(status).isIn(200, 201, 503);
			return status != 503;
		});
	}

	/**
	 * The status of a GET (url) or POST of an intake event (base url, body) with a token,
	 * sent again while partitions move (503).
	 */
	private static int untilAnswered(String url, String method, String authorization, String body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(method.equals("POST") ? url + "/api/v1/events" : url))
			.header("Authorization", authorization);
		if (method.equals("POST")) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		AtomicInteger status = new AtomicInteger();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			status.set(HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
			return status.get() != 503;
		});
		return status.get();
	}

	private static IntakeEvent eventOf(CaseEventType type, String caseId) {
		IntakeEvent event = CaseFixtures.anIntake(type);
		event.setCaseId(caseId);
		event.setOccurredAt(Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		if (type == CaseEventType.HEARING_MISSED) {
			event.setPayload(new io.removaltracker.events.intake.HearingMissed("H-7", null, null));
		}
		return event;
	}

	private static String json(String caseId, String type, String fields) {
		return io.removaltracker.caseservice.api.IntakeJsonFixtures.event(caseId, type, fields);
	}

	private ConfigurableApplicationContext start(String name) {
		Path stateDir;
		try {
			stateDir = Files.createDirectories(this.stateRoot.resolve(name));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new SpringApplicationBuilder(CaseServiceApplication.class).run("--server.port=0",
				"--case-service.intake-signing-secret=" + SIGNING_SECRET,
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.kafka.properties.schema.registry.url=" + REGISTRY,
				"--spring.kafka.streams.state-dir=" + stateDir, TestIssuer.serviceArgument());
	}

	private static KafkaProducer<String, IntakeEvent> intakeProducer() {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
						"all"),
				new StringSerializer(),
				Topics.CASE_INTAKE.valueSerde(Map.of("schema.registry.url", REGISTRY)).serializer());
	}

	private static HttpJson http(ConfigurableApplicationContext context) {
		return HttpJson.of(context);
	}

	private static void awaitReady(HttpJson http) {
		await().atMost(Duration.ofSeconds(90))
			.until(() -> http.get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);
	}

	/** An intake event as the JSON an upstream system would post. */
	static final class IntakeJsonOf {

		private IntakeJsonOf() {
		}

		static String event(IntakeEvent event) {
			StringBuilder json = new StringBuilder("{\"eventId\": \"").append(event.getEventId())
				.append("\", \"caseId\": \"")
				.append(event.getCaseId())
				.append("\", \"type\": \"")
				.append(event.getType())
				.append("\", \"occurredAt\": \"")
				.append(event.getOccurredAt())
				.append("\"");
			if (event.getSource() != null) {
				json.append(", \"source\": \"").append(event.getSource()).append("\"");
			}
			org.apache.avro.specific.SpecificRecord payload = (org.apache.avro.specific.SpecificRecord) event
				.getPayload();
			for (org.apache.avro.Schema.Field field : payload.getSchema().getFields()) {
				Object value = payload.get(field.pos());
				if (value == null) {
					continue;
				}
				json.append(", \"").append(field.name()).append("\": ");
				if (value instanceof List<?> list) {
					json.append(list.stream()
						.map((item) -> "\"" + item + "\"")
						.collect(Collectors.joining(", ", "[", "]")));
				}
				else {
					json.append("\"").append(value).append("\"");
				}
			}
			return json.append("}").toString();
		}

	}

}
