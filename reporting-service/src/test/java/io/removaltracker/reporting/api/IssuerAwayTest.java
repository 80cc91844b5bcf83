package io.removaltracker.reporting.api;

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
 * reporting-service while its token issuer cannot be reached: it starts and becomes ready
 * (the dashboard's client registration is read from the issuer on the first sign-in, the
 * keys on the first token); a browser opening the dashboard is told to come back (503
 * with {@code Retry-After}) instead of being sent nowhere; a caller with a token gets 503
 * too, one without a token 401; the probes answer.
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
	void theDashboardAsksToComeBackWhileTheIssuerIsAway() {
		Answer page = api().anonymous().get("/");

		assertThat(page.status()).isEqualTo(503);
		assertThat(api().get("/api/v1/stats").status()).isEqualTo(503);
		assertThat(api().anonymous().get("/api/v1/stats").status()).isEqualTo(401);
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
