package io.removaltracker.reporting.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.events.Topics;
import io.removaltracker.reporting.ReportingServiceApplication;
import io.removaltracker.reporting.figures.HistoryPublisher;
import io.removaltracker.reporting.figures.RandomHistories;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.PrivateKafka;
import io.removaltracker.testing.TestIssuer;
import io.removaltracker.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the live stream may cost the service ({@code reporting-service.stream.*}): the
 * caps on open streams, the heartbeat, the maximum age, and a client that never reads,
 * tried with a real socket against the real server.
 */
class StatsStreamLimitsTest {

	private static final String REGISTRY = "mock://stats-stream-limits-test";

	private static final Instant AS_OF = Instant.parse("2025-07-01T12:00:00Z");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@RegisterExtension
	static final PrivateKafka kafka = new PrivateKafka();

	@Test
	void streamsBeyondTheServicesCapAre503AndBeyondTheCallersCapAre429BothWithRetryAfter() throws Exception {
		try (ConfigurableApplicationContext service = start(List.of(), "--reporting-service.stream.max-clients=3",
				"--reporting-service.stream.max-clients-per-principal=2",
				"--reporting-service.stream.heartbeat=300ms")) {
			HttpJson http = HttpJson.of(service);
			awaitReady(http);
			String alice = TestIssuer.shared().tokenNaming(Map.of("client_id", "dashboard-alice"));
			String bob = TestIssuer.shared().tokenNaming(Map.of("client_id", "dashboard-bob"));
			String carol = TestIssuer.shared().tokenNaming(Map.of("azp", "dashboard-carol"));

			EventStream firstOfAlice = EventStream.open(http, alice);
			EventStream secondOfAlice = EventStream.open(http, alice);
			assertThat(List.of(firstOfAlice.status(), secondOfAlice.status())).containsOnly(200);
			EventStream thirdOfAlice = EventStream.open(http, alice);
			assertThat(thirdOfAlice.status()).isEqualTo(429);
			assertThat(thirdOfAlice.contentType()).startsWith("application/problem+json");
			assertThat(thirdOfAlice.retryAfter()).isEqualTo("1");
			JsonNode tooMany = JSON.readTree(thirdOfAlice.body());
			assertThat(tooMany.path("type").asText()).isEqualTo("urn:removal-tracker:problem:stream-caller-full");
			assertThat(tooMany.path("status").asInt()).isEqualTo(429);

			EventStream ofBob = EventStream.open(http, bob);
			assertThat(ofBob.status()).as("another caller, while the service has room").isEqualTo(200);
			EventStream ofCarol = EventStream.open(http, carol);
			assertThat(ofCarol.status()).isEqualTo(503);
			assertThat(ofCarol.contentType()).startsWith("application/problem+json");
			assertThat(ofCarol.retryAfter()).isEqualTo("1");
			assertThat(JSON.readTree(ofCarol.body()).path("type").asText())
				.isEqualTo("urn:removal-tracker:problem:stream-service-full");
			assertThat(http.get("/api/v1/stats").status()).as("the figures themselves stay open").isEqualTo(200);

			// A client that goes away is found by the next heartbeat, and its place is
			// free.
			firstOfAlice.close();
			// A refused attempt may find its connection closed before the answer is read
			// in full: that is another try, not a failure.
			await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(java.io.IOException.class).until(() -> {
				EventStream again = EventStream.open(http, carol);
				again.close();
				return again.status() == 200;
			});
			assertThat(metric(http, "stats_stream_refused_total", "caller-full")).isEqualTo(1);
			assertThat(metric(http, "stats_stream_refused_total", "service-full")).isPositive();
			secondOfAlice.close();
			ofBob.close();
		}
	}

	@Test
	void aSilentStreamGetsHeartbeatsAndEndsAtItsMaximumAge() throws Exception {
		try (ConfigurableApplicationContext service = start(List.of(), "--reporting-service.stream.heartbeat=200ms",
				"--reporting-service.stream.max-age=3s")) {
			HttpJson http = HttpJson.of(service);
			awaitReady(http);
			long opened = System.nanoTime();
			EventStream stream = EventStream.open(http, TestIssuer.shared().tokenWithAllScopes());
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.contentType()).startsWith("text/event-stream");
			assertThat(stream.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("event:stats");
			await().atMost(Duration.ofSeconds(10)).until(() -> stream.seen(":") >= 3);

			await().atMost(Duration.ofSeconds(30)).until(stream::ended);
			assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
			assertThat(metric(http, "stats_stream_closed_total", "max-age")).isEqualTo(1);
			assertThat(metric(http, "stats_stream_clients", null)).isZero();
		}
	}

	/**
	 * A raw socket asks for the stream and never reads, with small socket buffers on both
	 * ends so that it is stuck after a few events, while events keep changing the
	 * figures. A client that reads keeps getting every publication, {@code case-stats}
	 * keeps getting them, and the stuck client is closed after its send timeout.
	 */
	@Test
	void aClientThatNeverReadsIsClosedAndStallsNeitherOtherStreamsNorCaseStats() throws Exception {
		try (ConfigurableApplicationContext service = start(List.of(SmallSendBuffers.class),
				"--reporting-service.stream.send-timeout=2s")) {
			HttpJson http = HttpJson.of(service);
			awaitReady(http);
			AtomicBoolean publishing = new AtomicBoolean(true);
			Thread traffic = new Thread(() -> {
				for (long seed = 1000; publishing.get(); seed++) {
					HistoryPublisher.publish(kafka.bootstrapServers(), REGISTRY,
							RandomHistories.generate(seed, 40, AS_OF));
				}
			}, "traffic");
			traffic.setDaemon(true);
			traffic.start();
			try {
				EventStream reader = EventStream.open(http, TestIssuer.shared().tokenWithAllScopes());
				assertThat(reader.status()).isEqualTo(200);
				long windowStart = System.currentTimeMillis();
				try (Socket stuck = neverReading(http)) {
					await().atMost(Duration.ofSeconds(90))
						.pollInterval(Duration.ofMillis(250))
						.until(() -> metric(http, "stats_stream_closed_total", "slow") == 1);
					long windowEnd = System.currentTimeMillis();
					int before = reader.events().size();
					await().atMost(Duration.ofSeconds(30)).until(() -> reader.events().size() >= before + 2);

					assertThat(gaps(windowStart, reader.events(), windowEnd))
						.as("the reading client's events while the other was stuck")
						.allSatisfy((gap) -> assertThat(gap).isLessThan(Duration.ofSeconds(10)));
					List<Long> published = TopicReader
						.readUntil(kafka.bootstrapServers(), Topics.CASE_STATS.name(), new StringDeserializer(),
								new ByteArrayDeserializer(), (record) -> record.timestamp() >= windowStart, 2)
						.stream()
						.map(ConsumerRecord::timestamp)
						.filter((timestamp) -> timestamp <= windowEnd)
						.toList();
					assertThat(gaps(windowStart, published, windowEnd)).as("case-stats while the client was stuck")
						.allSatisfy((gap) -> assertThat(gap).isLessThan(Duration.ofSeconds(10)));
					assertThat(readsToTheEnd(stuck)).as("the stuck client's answer ends once it reads").isTrue();
				}
				reader.close();
			}
			finally {
				publishing.set(false);
				traffic.join(TimeUnit.SECONDS.toMillis(30));
			}
		}
	}

	/** The time between consecutive instants, the window's ends included. */
	private static List<Duration> gaps(long from, List<Long> instants, long to) {
		List<Long> points = new ArrayList<>();
		points.add(from);
		instants.stream().filter((instant) -> instant >= from && instant <= to).sorted().forEach(points::add);
		points.add(to);
		List<Duration> gaps = new ArrayList<>();
		for (int i = 1; i < points.size(); i++) {
			gaps.add(Duration.ofMillis(points.get(i) - points.get(i - 1)));
		}
		return gaps;
	}

	/**
	 * Whether what the socket holds ends: the connection is closed, or the chunked answer
	 * has its last chunk.
	 */
	private static boolean readsToTheEnd(Socket socket) throws IOException {
		socket.setSoTimeout(30_000);
		InputStream in = socket.getInputStream();
		StringBuilder tail = new StringBuilder();
		try {
			int next;
			while ((next = in.read()) != -1) {
				tail.append((char) next);
				if (tail.length() > 16) {
					tail.delete(0, tail.length() - 16);
				}
				if (tail.toString().endsWith("\r\n0\r\n\r\n")) {
					return true;
				}
			}
			return true;
		}
		catch (java.net.SocketTimeoutException ex) {
			return false;
		}
		catch (java.net.SocketException ex) {
			// Reset by the server: closed too.
			return true;
		}
	}

	/** A client that sends the request and then never reads a byte of the answer. */
	private static Socket neverReading(HttpJson http) throws IOException {
		URI base = URI.create(http.baseUrl());
		Socket socket = new Socket();
		socket.setReceiveBufferSize(1024);
		socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
		OutputStream out = socket.getOutputStream();
		out.write(("GET /api/v1/stats/stream HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: "
				+ TestIssuer.allScopesAuthorization() + "\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	/**
	 * A value from the Prometheus page: the line of that metric with that reason tag (or
	 * the untagged one).
	 */
	private static long metric(HttpJson http, String name, String reason) {
		String tag = (reason != null) ? "reason=\"" + reason + "\"" : null;
		return http.getText("/actuator/prometheus")
			.lines()
			.filter((line) -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.filter((line) -> tag == null || line.contains(tag))
			.map((line) -> Math.round(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))))
			.findFirst()
			.orElse(-1L);
	}

	private static ConfigurableApplicationContext start(List<Class<?>> extra, String... settings) {
		List<Class<?>> sources = new ArrayList<>(List.of(ReportingServiceApplication.class));
		sources.addAll(extra);
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
						"--spring.kafka.properties.schema.registry.url=" + REGISTRY,
						"--reporting-service.as-of=" + AS_OF, TestIssuer.serviceArgument()));
		args.addAll(List.of(settings));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args.toArray(String[]::new));
	}

	private static void awaitReady(HttpJson http) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> http.get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);
	}

	/**
	 * Tomcat's send buffer kept small, so a client that does not read fills it after a
	 * few events rather than megabytes. Not a configuration class: component scanning
	 * must not find it for other tests.
	 */
	static class SmallSendBuffers {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
			return (factory) -> factory
				.addConnectorCustomizers((connector) -> connector.setProperty("socket.txBufSize", "4096"));
		}

	}

	/**
	 * A stream asked for as a browser's {@code EventSource} asks, read on its own thread:
	 * its status, and its lines as they arrive (or the body of a refusal).
	 */
	record EventStream(HttpResponse<InputStream> response, String body, BlockingQueue<String> lines,
			List<String> seenLines, List<Long> events, AtomicBoolean finished) {

		static EventStream open(HttpJson http, String token) throws Exception {
			HttpResponse<InputStream> response = HTTP
				.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/v1/stats/stream"))
					.header("Accept", "text/event-stream")
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				try (InputStream body = response.body()) {
					return new EventStream(response, new String(body.readAllBytes(), StandardCharsets.UTF_8),
							new LinkedBlockingQueue<>(), List.of(), List.of(), new AtomicBoolean(true));
				}
			}
			EventStream stream = new EventStream(response, "", new LinkedBlockingQueue<>(),
					new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new AtomicBoolean());
			Thread reader = new Thread(stream::read, "sse-test-client");
			reader.setDaemon(true);
			reader.start();
			return stream;
		}

		private void read() {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					if (line.startsWith("data:")) {
						this.events.add(System.currentTimeMillis());
					}
					this.seenLines.add(line);
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// Closed by the test, or the service stopped.
			}
			finally {
				this.finished.set(true);
			}
		}

		int status() {
			return this.response.statusCode();
		}

		String contentType() {
			return this.response.headers().firstValue("Content-Type").orElse("");
		}

		String retryAfter() {
			return this.response.headers().firstValue("Retry-After").orElse(null);
		}

		long seen(String line) {
			return this.seenLines.stream().filter(line::equals).count();
		}

		boolean ended() {
			return this.finished.get();
		}

		void close() throws IOException {
			this.response.body().close();
		}

	}

}
