package io.removaltracker.caseservice.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.removaltracker.events.Topics;
import io.removaltracker.testing.SharedKafka;
import io.removaltracker.testing.TestIssuer;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP intake while the schema registry cannot be reached: the caller gets 503 with
 * {@code Retry-After} within the verdict timeout, told truthfully what became of the
 * event, never a 500, and nothing is written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IntakeUnderFaultsTest {

	@TempDir
	static Path stateDir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void registryDown(DynamicPropertyRegistry registry) throws IOException {
		int nobodyListens;
		try (ServerSocket socket = new ServerSocket(0)) {
			nobodyListens = socket.getLocalPort();
		}
		String url = "http://127.0.0.1:" + nobodyListens;
		SharedKafka.serviceSettings(registry, url, stateDir);
		registry.add("spring.kafka.properties.schema.registry.request.timeout.ms", () -> "500");
		registry.add("spring.kafka.properties.schema.registry.connect.timeout.ms", () -> "500");
		registry.add("case-service.verdict-timeout", () -> "3s");
	}

	@BeforeEach
	void ready() {
		await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
	}

	@Test
	void registryThatCannotBeReachedIsA503WithRetryAfterAndNothingIsWritten() throws Exception {
		Map<TopicPartition, Long> before = intakeEndOffsets();
		long started = System.nanoTime();

		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/events"))
				.header("Content-Type", "application/json")
				.header("Authorization", TestIssuer.allScopesAuthorization())
				.POST(HttpRequest.BodyPublishers.ofString(caseOpenedInCommunity(anyCaseId())))
				.build(), HttpResponse.BodyHandlers.ofString());

		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.body()).contains("same eventId").contains("not recorded");
		assertThat(took).isLessThan(Duration.ofSeconds(8));
		assertThat(intakeEndOffsets()).isEqualTo(before);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static Map<TopicPartition, Long> intakeEndOffsets() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
			List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.CASE_INTAKE.name()))
				.allTopicNames()
				.get()
				.get(Topics.CASE_INTAKE.name())
				.partitions()
				.stream()
				.map((info) -> new TopicPartition(Topics.CASE_INTAKE.name(), info.partition()))
				.toList();
			Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
			partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
			Map<TopicPartition, Long> ends = new java.util.HashMap<>();
			admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
			return ends;
		}
	}

}
