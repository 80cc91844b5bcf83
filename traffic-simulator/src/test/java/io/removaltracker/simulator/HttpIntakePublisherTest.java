package io.removaltracker.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.removaltracker.events.intake.IntakeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP publisher against a case-service stand-in (the JDK's HTTP server, with a token
 * endpoint): an event refused for the caller's rate (429) is sent again once the
 * {@code Retry-After} it names has passed, and counts as accepted, not failed.
 */
class HttpIntakePublisherTest {

	@TempDir
	Path dir;

	private HttpServer server;

	private final List<Long> attempts = new CopyOnWriteArrayList<>();

	private final AtomicInteger refusalsLeft = new AtomicInteger(1);

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/token",
				(exchange) -> answer(exchange, 200, "{\"access_token\": \"a-token\", \"expires_in\": 900}"));
		this.server.createContext("/api/v1/events", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			this.attempts.add(System.nanoTime());
			if (this.refusalsLeft.getAndDecrement() > 0) {
				exchange.getResponseHeaders().add("Retry-After", "1");
				answer(exchange, 429, "{\"status\": 429, \"title\": \"Too Many Requests\"}");
			}
			else {
				answer(exchange, 201, "{}");
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void anEventOverTheRateIsSentAgainAfterTheWaitTheServiceNames() throws Exception {
		String base = "http://127.0.0.1:" + this.server.getAddress().getPort();
		Path credentials = this.dir.resolve("credentials.json");
		Files.writeString(credentials, "{\"tokenEndpoint\": \"" + base + "/token\", \"clients\": {\"upstream\": "
				+ "{\"clientId\": \"up\", \"clientSecret\": \"secret\", \"scope\": \"events:write\"}}}");
		IntakeEvent event = ReferenceScenario.events().get(0);

		try (HttpIntakePublisher publisher = new HttpIntakePublisher(base, 1,
				AccessTokens.fromCredentialsFile(credentials, AccessTokens.UPSTREAM))) {
			publisher.publish(event);
			publisher.flush();

			assertThat(publisher.tally().failedCount()).isZero();
			assertThat(publisher.tally().answers()).containsEntry("201 created", 1L);
		}
		assertThat(this.attempts).hasSize(2);
		assertThat(this.attempts.get(1) - this.attempts.get(0)).as("waited the second Retry-After names")
			.isGreaterThanOrEqualTo(900_000_000L);
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
