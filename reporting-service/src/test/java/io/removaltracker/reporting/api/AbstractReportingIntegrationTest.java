package io.removaltracker.reporting.api;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.events.Topics;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.reporting.ReportingServiceApplication;
import io.removaltracker.reporting.figures.NationalFigures;
import io.removaltracker.reporting.figures.HistoryPublisher;
import io.removaltracker.reporting.figures.RandomHistories;
import io.removaltracker.testing.AccessBattery;
import io.removaltracker.testing.AccessBattery.Endpoint;
import io.removaltracker.testing.DashboardQueries;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.KafkaAndRegistry;
import io.removaltracker.testing.TestIssuer;
import io.removaltracker.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * reporting-service against a real broker of its own, fed with random valid histories on
 * {@code case-events} and {@code wanted-flags} as the other two services would write
 * them. One body, run on an embedded broker ({@link ReportingIntegrationTest}) and on the
 * real images ({@link ReportingIntegrationContainersTest}).
 */
abstract class AbstractReportingIntegrationTest {

	private static final Instant AS_OF = Instant.parse("2025-07-01T12:00:00Z");

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * A broker and registry for this class alone: the figures count every case on the
	 * topics.
	 */
	protected abstract KafkaAndRegistry kafka();

	@Test
	void figuresOverHttpSseKafkaAndPrometheusAgreeAcrossInstancesRedeliveryAndRestart() throws Exception {
		List<RandomHistories.History> histories = RandomHistories.generate(7, 400, AS_OF);
		JsonNode expected = json(figuresOf(histories).snapshot(AS_OF));
		try (ConfigurableApplicationContext a = start()) {
			HttpJson http = HttpJson.of(a);
			awaitReady(http);
			publish(histories);
			await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/api/v1/stats").body().equals(expected));

			BlockingQueue<String> events = subscribe(http.baseUrl() + "/api/v1/stats/stream");
			assertThat(JSON.readTree(events.poll(10, TimeUnit.SECONDS))).isEqualTo(expected);
			List<RandomHistories.History> oneMore = RandomHistories.generate(8, 1, AS_OF);
			publish(oneMore);
			JsonNode updated = json(figuresOf(concat(histories, oneMore)).snapshot(AS_OF));
			await().atMost(Duration.ofSeconds(15)).until(() -> updated.equals(JSON.readTree(events.take())));

			List<ConsumerRecord<String, StatsSnapshot>> published = TopicReader.readUntil(kafka().bootstrapServers(),
					Topics.CASE_STATS.name(), new StringDeserializer(),
					Topics.CASE_STATS.valueSerde(kafka().serdeConfig()).deserializer(),
					(record) -> json(record.value()).equals(updated), 1);
			assertThat(published).allSatisfy((record) -> assertThat(record.key()).isEqualTo("national"));
			StatsSnapshot last = published.get(published.size() - 1).value();
			assertThat(Arrays.asList(last.getWanted().getOverdueReview(), last.getWanted().getUnassigned(),
					last.getNationalityEstablished()))
				.as("the enforcement figures' optional fields are filled")
				.doesNotContainNull();
			assertThat(http.getText("/actuator/prometheus"))
				.contains("stats_open_cases " + updated.get("openCases").asLong() + ".0")
				.contains("stats_wanted_overdue_review " + updated.at("/wanted/overdueReview").asLong() + ".0")
				.contains("stats_wanted_unassigned " + updated.at("/wanted/unassigned").asLong() + ".0")
				.contains(
						"stats_nationality_established " + updated.at("/nationalityEstablished/total").asLong() + ".0");

			try (ConfigurableApplicationContext b = start()) {
				HttpJson second = HttpJson.of(b);
				awaitReady(second);
				assertThat(second.get("/api/v1/stats").body()).isEqualTo(updated);
			}
		}

		publish(histories);
		publishGarbage();
		try (ConfigurableApplicationContext fresh = start()) {
			HttpJson http = HttpJson.of(fresh);
			awaitReady(http);
			JsonNode afterRedelivery = json(
					figuresOf(concat(histories, RandomHistories.generate(8, 1, AS_OF))).snapshot(AS_OF));
			assertThat(http.get("/api/v1/stats").body()).isEqualTo(afterRedelivery);
			assertThat(http.getText("/actuator/prometheus"))
				.contains("kafka_records_undecodable_total{topic=\"case-events\"}");
		}
	}

	@Test
	void theStreamSendsTheJsonOfGetAndAnOpenStreamDoesNotHoldUpShutdown() throws Exception {
		ConfigurableApplicationContext service = start();
		HttpJson http = HttpJson.of(service);
		awaitReady(http);
		BlockingQueue<String> events = subscribe(http.baseUrl() + "/api/v1/stats/stream");
		assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(http.getText("/api/v1/stats"));

		long closing = System.nanoTime();
		service.close();
		assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
	}

	/**
	 * The access rules (docs/contract.md, Access) for every endpoint and the probes. A
	 * browser without a session is sent straight to the issuer to sign in (PKCE, S256);
	 * the page's look (styles, script) is open; the figures without a token or session
	 * are 401, never a redirect; a client with a bearer token with stats:read gets the
	 * page like the figures.
	 */
	@TestFactory
	java.util.stream.Stream<DynamicNode> callersWithoutAValidTokenWithTheScopeAreRefused() {
		ConfigurableApplicationContext service = start();
		HttpJson http = HttpJson.of(service);
		awaitReady(http);
		DynamicTest page = DynamicTest.dynamicTest("the dashboard page signs a person in", () -> {
			HttpJson anonymous = http.anonymous();
			for (String path : List.of("/", "/index.html")) {
				HttpJson.Answer answer = anonymous.get(path);
				assertThat(answer.status()).as(path).isEqualTo(302);
				URI location = URI.create(answer.location());
				assertThat(location.getScheme() + "://" + location.getAuthority())
					.isEqualTo(TestIssuer.shared().issuerUri());
				assertThat(location.getPath()).isEqualTo("/authorize");
				assertThat(location.getQuery()).contains("response_type=code", "client_id=reporting-dashboard",
						"code_challenge_method=S256", "code_challenge=", "scope=openid profile stats:read",
						"redirect_uri=" + http.baseUrl() + "/login/oauth2/code/ops");
			}
			for (String path : List.of("/dashboard.css", "/dashboard.js")) {
				assertThat(anonymous.get(path).status()).as(path).isEqualTo(200);
			}
			for (String path : List.of("/api/v1/stats", "/api/v1/me", "/favicon.ico")) {
				HttpJson.Answer answer = anonymous.get(path);
				assertThat(answer.status()).as(path).isEqualTo(401);
				assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
			}
			assertThat(anonymous.post("/", "text/plain", "").status()).isEqualTo(401);
			assertThat(http.get("/").status()).as("a bearer token with stats:read").isEqualTo(200);
			assertThat(http.withBearer(TestIssuer.shared().token("wanted:read")).get("/").status()).isEqualTo(403);
		});
		return java.util.stream.Stream.concat(java.util.stream.Stream.of(page),
				java.util.stream.Stream.concat(
						AccessBattery.of(http.baseUrl(), () -> "read-only API",
								Endpoint.get("/api/v1/stats", "stats:read", 200),
								Endpoint.get("/api/v1/stats/stream", "stats:read", 200),
								Endpoint.get("/actuator/prometheus", "metrics:read", 200)),
						AccessBattery.probes(http.baseUrl())))
			.onClose(service::close);
	}

	@Test
	void everySeriesTheOpsDashboardReadsOfReportingServiceIsServed() {
		try (ConfigurableApplicationContext service = start()) {
			HttpJson http = HttpJson.of(service);
			awaitReady(http);
			publish(RandomHistories.generate(9, 20, AS_OF));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> http.get("/api/v1/stats").body().path("openCases").asLong() > 0);

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> DashboardQueries.assertServedBy("reporting-service",
						http.getText("/actuator/prometheus")));
		}
	}

	/** The OpenAPI document and the code agree ({@link ReportingApiDocsDrift}). */
	@TestFactory
	java.util.stream.Stream<DynamicNode> theApiDocumentAndTheCodeAgree() {
		ConfigurableApplicationContext service = start();
		HttpJson http = HttpJson.of(service);
		awaitReady(http);
		return ReportingApiDocsDrift.of(http.baseUrl(), service).onClose(service::close);
	}

	/** A snapshot as the JSON a client parses, so numbers compare as they arrive. */
	private static JsonNode json(StatsSnapshot snapshot) {
		try {
			return JSON.readTree(JSON.writeValueAsString(StatsJson.of(snapshot)));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static NationalFigures figuresOf(List<RandomHistories.History> histories) {
		NationalFigures figures = new NationalFigures();
		histories.forEach((history) -> {
			history.events().forEach(figures::apply);
			history.flags().forEach(figures::apply);
		});
		return figures;
	}

	private static List<RandomHistories.History> concat(List<RandomHistories.History> a,
			List<RandomHistories.History> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
	}

	private void publish(List<RandomHistories.History> histories) {
		HistoryPublisher.publish(kafka().bootstrapServers(), kafka().registryUrl(), histories);
	}

	private void publishGarbage() throws Exception {
		try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer())) {
			raw.send(new ProducerRecord<>(Topics.CASE_EVENTS.name(), "junk",
					"not avro".getBytes(StandardCharsets.UTF_8)))
				.get(30, TimeUnit.SECONDS);
		}
	}

	/** The data lines of the stream's {@code stats} events, as they arrive. */
	private static BlockingQueue<String> subscribe(String url) {
		BlockingQueue<String> data = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try {
				HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(url))
						.header("Accept", "text/event-stream")
						.header("Authorization", TestIssuer.allScopesAuthorization())
						.build(), HttpResponse.BodyHandlers.ofInputStream());
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = lines.readLine()) != null) {
						if (line.startsWith("data:")) {
							data.add(line.substring(5));
						}
					}
				}
			}
			catch (Exception ex) {
				// The stream ends with the test's context.
			}
		}, "sse-test-client");
		reader.setDaemon(true);
		reader.start();
		return data;
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ReportingServiceApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafka().bootstrapServers(),
				"--spring.kafka.properties.schema.registry.url=" + kafka().registryUrl(),
				"--reporting-service.as-of=" + AS_OF, TestIssuer.serviceArgument());
	}

	private static void awaitReady(HttpJson http) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> http.get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);
	}

}
