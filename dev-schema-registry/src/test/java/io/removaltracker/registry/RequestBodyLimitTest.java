package io.removaltracker.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.testing.SharedKafka;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code registry.max-request-bytes} (1 MiB by default): a larger body is answered 413 in
 * Confluent's error shape without being read, whether its length is declared or it is
 * streamed in chunks, so a client cannot make the registry hold it in memory. Asked as an
 * admin, so it is the limit that refuses, not the authentication.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "registry.principals.operator.password=" + RequestBodyLimitTest.PASSWORD,
				"registry.principals.operator.admin=true" })
class RequestBodyLimitTest {

	static final String PASSWORD = "limit-secret-42";

	private static final int LIMIT = 1024 * 1024;

	private static final long HUGE = 300L * 1024 * 1024;

	private static final long GENEROUS_BOUND = 64L * 1024 * 1024;

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
		registry.add("registry.topic", () -> SharedKafka.uniqueTopic("_schemas"));
	}

	@Test
	void aChunkedBodyOf300MegabytesIsAnswered413WithoutTheHeapGrowing() throws Exception {
		long before = usedHeapAfterGc();

		Exchange exchange = send(false);

		long growth = usedHeapAfterGc() - before;
		assertTooLarge(exchange);
		assertThat(exchange.bytesSent()).as("body bytes the registry took before it stopped reading")
			.isLessThan(GENEROUS_BOUND);
		assertThat(growth).as("heap growth in bytes").isLessThan(GENEROUS_BOUND);
	}

	@Test
	void aDeclaredLengthOver300MegabytesIsAnswered413BeforeTheBodyIsRead() throws Exception {
		Exchange exchange = send(true);

		assertTooLarge(exchange);
		assertThat(exchange.bytesSent()).isLessThan(GENEROUS_BOUND);
	}

	@Test
	void aBodyOneByteOverTheLimitIsRefusedAndOneWithinItIsRead() throws Exception {
		String subject = SharedKafka.uniqueTopic("padded") + "-value";
		String schema = JSON.createObjectNode()
			.put("schema", "{\"type\":\"record\",\"name\":\"Padded\",\"fields\":[]}")
			.toString();
		// JSON allows any amount of whitespace before the closing brace.
		String within = schema.substring(0, schema.length() - 1) + " ".repeat(LIMIT - schema.length()) + "}";
		String over = within.substring(0, within.length() - 1) + " }";

		HttpResponse<String> refused = post(subject, HttpRequest.BodyPublishers.ofString(over));
		HttpResponse<String> streamedWithin = post(subject, HttpRequest.BodyPublishers
			.ofInputStream(() -> new java.io.ByteArrayInputStream(within.getBytes(StandardCharsets.UTF_8))));
		HttpResponse<String> declaredWithin = post(subject, HttpRequest.BodyPublishers.ofString(within));

		assertThat(within).hasSize(LIMIT);
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(JSON.readTree(refused.body()).get("error_code").asInt()).isEqualTo(413);
		assertThat(streamedWithin.statusCode()).as(streamedWithin.body()).isEqualTo(200);
		assertThat(declaredWithin.statusCode()).as(declaredWithin.body()).isEqualTo(200);
	}

	private static void assertTooLarge(Exchange exchange) throws IOException {
		assertThat(exchange.statusLine()).startsWith("HTTP/1.1 413");
		assertThat(exchange.head().toLowerCase(Locale.ROOT))
			.contains("content-type: application/vnd.schemaregistry.v1+json");
		JsonNode body = JSON.readTree(exchange.body());
		assertThat(body.get("error_code").asInt()).isEqualTo(413);
		assertThat(body.get("message").asText()).contains("registry.max-request-bytes");
	}

	private record Exchange(String statusLine, String head, String body, long bytesSent) {
	}

	/**
	 * Registers a 300 MB schema body over a plain socket, generated as it is sent (never
	 * held in memory), while another thread reads the answer, as the registry may answer
	 * and close before the body ends. Sending stops when the registry closes the
	 * connection.
	 */
	private Exchange send(boolean declareLength) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(60_000);
			InputStream in = socket.getInputStream();
			CompletableFuture<String[]> answer = CompletableFuture.supplyAsync(() -> readAnswer(in));
			OutputStream out = socket.getOutputStream();
			String head = "POST /subjects/huge-value/versions HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: "
					+ RegistryAccessTest.basic("operator", PASSWORD) + "\r\n"
					+ "Content-Type: application/vnd.schemaregistry.v1+json\r\n"
					+ (declareLength ? "Content-Length: " + HUGE : "Transfer-Encoding: chunked") + "\r\n\r\n";
			byte[] chunk = new byte[64 * 1024];
			Arrays.fill(chunk, (byte) ' ');
			byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
			byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
			long sent = 0;
			try {
				out.write(head.getBytes(StandardCharsets.US_ASCII));
				while (sent < HUGE && !answer.isDone()) {
					if (!declareLength) {
						out.write(chunkHead);
					}
					out.write(chunk);
					if (!declareLength) {
						out.write(crlf);
					}
					sent += chunk.length;
				}
			}
			catch (IOException closedByTheRegistry) {
				// Expected: the registry stops reading and closes once it has answered.
			}
			String[] parts = answer.get(60, TimeUnit.SECONDS);
			return new Exchange(parts[0], parts[1], parts[2], sent);
		}
	}

	/** Status line, head and body of one HTTP/1.1 answer with a Content-Length. */
	private static String[] readAnswer(InputStream in) {
		try {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("Connection closed before the answer's head ended: " + head);
				}
				head.write(b);
			}
			String text = head.toString(StandardCharsets.ISO_8859_1);
			int length = 0;
			for (String line : text.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					length = Integer.parseInt(line.substring("content-length:".length()).trim());
				}
			}
			String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
			return new String[] { text.substring(0, text.indexOf("\r\n")), text, body };
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> post(String subject, HttpRequest.BodyPublisher body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/subjects/" + subject + "/versions"))
				.header("Authorization", RegistryAccessTest.basic("operator", PASSWORD))
				.header("Content-Type", "application/vnd.schemaregistry.v1+json")
				.POST(body)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static long usedHeapAfterGc() {
		Runtime runtime = Runtime.getRuntime();
		System.gc();
		System.gc();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
