package io.removaltracker.caseservice.api;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.caseservice.TestBearerTokens;
import io.removaltracker.events.Topics;
import io.removaltracker.service.ProblemHandling;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.SharedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.removaltracker.caseservice.api.IntakeJsonFixtures.anyCaseId;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.caseOpenedInCommunity;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What keeps one caller from exhausting intake, over real HTTP with real tokens: each
 * principal's allowance (set small here: bursts of 3, then one event every 20 s), and the
 * body limit. A refusal is a problem and writes nothing on {@code case-intake}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "case-service.intake.rate-limit.events-per-second=0.05",
				"case-service.intake.rate-limit.burst=3" })
@DirtiesContext
class IntakeLimitsTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	static Path stateDir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		SharedKafka.serviceSettings(registry, SharedKafka.REGISTRY_URL, stateDir);
	}

	@BeforeEach
	void ready() {
		HttpJson http = new HttpJson("http://127.0.0.1:" + this.port);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> http.get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);
	}

	@Test
	void aCallerOverItsAllowanceGets429WithRetryAfterAndOnlyAcceptedEventsAreWritten() throws Exception {
		String flooding = TestBearerTokens.bearer("client_id=flooding-system");
		long before = intakeEnd();

		List<HttpResponse<String>> answers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			answers.add(post(flooding, caseOpenedInCommunity(anyCaseId())));
		}

		List<HttpResponse<String>> accepted = answers.stream().filter((answer) -> answer.statusCode() == 201).toList();
		List<HttpResponse<String>> refused = answers.stream().filter((answer) -> answer.statusCode() == 429).toList();
		assertThat(accepted.size() + refused.size()).as("every answer is 201 or 429").isEqualTo(answers.size());
		assertThat(accepted).hasSizeGreaterThanOrEqualTo(3);
		assertThat(refused).isNotEmpty();
		for (HttpResponse<String> answer : refused) {
			assertThat(answer.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.get("type").asText()).isEqualTo(ProblemHandling.TYPE_PREFIX + "rate-limited");
			assertThat(problem.get("status").asInt()).isEqualTo(429);
			assertThat(problem.get("detail").asText()).contains("retry after");
			assertThat(answer.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 20L));
		}
		assertThat(intakeEnd() - before).isEqualTo(accepted.size());
	}

	@Test
	void anotherCallerIsNotHeldBackByOneOverItsAllowance() throws Exception {
		String flooding = TestBearerTokens.bearer("client_id=noisy-system");
		String other = TestBearerTokens.bearer("azp=officer-console,sub=4f1c");
		HttpResponse<String> last = null;
		for (int i = 0; i < 5; i++) {
			last = post(flooding, caseOpenedInCommunity(anyCaseId()));
		}
		assertThat(last.statusCode()).isEqualTo(429);

		assertThat(post(other, caseOpenedInCommunity(anyCaseId())).statusCode()).isEqualTo(201);
	}

	@Test
	void refusalsAreCountedWithoutNamingTheCaller() throws Exception {
		String flooding = TestBearerTokens.bearer("client_id=counted-system");
		for (int i = 0; i < 5; i++) {
			post(flooding, caseOpenedInCommunity(anyCaseId()));
		}

		String metrics = HttpJson.text("http://127.0.0.1:" + this.port + "/actuator/prometheus");

		assertThat(metrics).containsPattern("(?m)^case_intake_rate_limited_total(\\{\\})? [1-9]");
		assertThat(metrics).doesNotContain("counted-system");
	}

	@Test
	void aTenMegabyteBodyIs413ProblemAndWritesNothing() throws Exception {
		String authorization = TestBearerTokens.bearer("client_id=large-body-system");
		byte[] body = event(anyCaseId(), "REMOVED", "\"padding\": \"" + "x".repeat(10 * 1024 * 1024) + "\"")
			.getBytes(StandardCharsets.UTF_8);
		long before = intakeEnd();

		HttpResponse<String> withLength = send(authorization, HttpRequest.BodyPublishers.ofByteArray(body));
		HttpResponse<String> chunked = send(authorization,
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

		for (HttpResponse<String> answer : List.of(withLength, chunked)) {
			assertThat(answer.statusCode()).isEqualTo(413);
			assertThat(answer.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.get("type").asText()).isEqualTo(ProblemHandling.TYPE_PREFIX + "body-too-large");
			assertThat(problem.get("status").asInt()).isEqualTo(413);
		}
		assertThat(intakeEnd()).isEqualTo(before);
	}

	private HttpResponse<String> post(String authorization, String json) throws Exception {
		return send(authorization, HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpResponse<String> send(String authorization, HttpRequest.BodyPublisher body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/events"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Authorization", authorization)
			.POST(body)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** How many records case-intake holds, over all its partitions. */
	private static long intakeEnd() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int p = 0; p < Topics.CASE_INTAKE.partitions(); p++) {
				latest.put(new TopicPartition(Topics.CASE_INTAKE.name(), p), OffsetSpec.latest());
			}
			return admin.listOffsets(latest).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
	}

}
