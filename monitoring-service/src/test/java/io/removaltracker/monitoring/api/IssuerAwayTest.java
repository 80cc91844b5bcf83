package io.removaltracker.monitoring.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.HttpJson.Answer;
import io.removaltracker.testing.SharedKafka;
import io.removaltracker.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service whose token issuer cannot be reached: it starts and becomes ready anyway (the
 * issuer is asked on the first token, not at start-up); a caller with a token is told to
 * come back (503 with {@code Retry-After}), not blamed (401) and not shown a server fault
 * (500); a caller without a token is still refused; the probes still answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IssuerAwayTest {

	@TempDir
	static Path stateDir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) throws IOException {
		SharedKafka.serviceSettings(registry, SharedKafka.REGISTRY_URL, stateDir);
		String away = "http://127.0.0.1:" + closedPort();
		registry.add(TestIssuer.ISSUER_URI_PROPERTY, () -> away);
	}

	@BeforeEach
	void ready() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api().anonymous().get("/actuator/health/readiness").body().path("status").asText(),
					"UP"::equals);
	}

	@Test
	void aTokenThatCannotBeCheckedIsAnsweredWithRetryLater() {
		Answer withToken = api().get("/api/v1/wanted");

		assertThat(withToken.status()).isEqualTo(503);
		assertThat(withToken.contentType()).startsWith("application/problem+json");
		assertThat(withToken.body().get("status").asInt()).isEqualTo(503);
		assertThat(withToken.body().get("detail").asText()).contains("issuer");
		assertThat(api().anonymous().get("/api/v1/wanted").status()).isEqualTo(401);
		assertThat(api().anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	private HttpJson api() {
		return new HttpJson("http://127.0.0.1:" + this.port);
	}

	/** A loopback port nothing listens on. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
