package io.removaltracker.monitoring.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.removaltracker.events.Topics;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Custody;
import io.removaltracker.monitoring.CaseEventPublisher;
import io.removaltracker.monitoring.rules.CaseEvents;
import io.removaltracker.service.ProblemHandling;
import io.removaltracker.testing.AccessBattery;
import io.removaltracker.testing.AccessBattery.Endpoint;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.HttpJson.Answer;
import io.removaltracker.testing.SharedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** monitoring-service over real HTTP against a real broker in the test JVM. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class MonitoringHttpTest {

	@TempDir
	static Path stateDir;

	@LocalServerPort
	int port;

	private CaseEventPublisher publisher;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		SharedKafka.serviceSettings(registry, SharedKafka.REGISTRY_URL, stateDir);
	}

	@BeforeEach
	void ready() {
		this.publisher = new CaseEventPublisher(SharedKafka.bootstrapServers(), SharedKafka.REGISTRY_URL);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);
	}

	@AfterEach
	void close() {
		this.publisher.close();
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
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()), new StringSerializer(),
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
			"overdueReview=yes, overdueReview" })
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
	void prometheusHasWantedNowAndFlagChanges() {
		String caseId = "M-" + UUID.randomUUID();
		this.publisher.publish(CaseEventPublisher.aNoShow(caseId));
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/wanted/" + caseId).status() == 200);

		String metrics = text("/actuator/prometheus");

		assertThat(metrics).containsPattern("(?m)^wanted_now(\\{[^}]*\\})? [1-9]");
		assertThat(metrics).contains("wanted_flag_changes_total{change=\"raised\",reason=\"REMOVAL\"}");
	}

	/**
	 * Contract section 7 for every endpoint. The service writes nothing over HTTP, so
	 * what a refusal must leave unchanged is trivially the same.
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
