package io.removaltracker.serde.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server answering with recorded Confluent Schema Registry responses: the
 * boundary the HTTP client talks to, stood in for by what a real registry sends.
 */
final class RecordedRegistry implements AutoCloseable {

	record Answer(int status, String body, boolean hang) {
	}

	record Call(String method, String path, String authorization, String contentType, String body) {
	}

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private volatile Answer fallback = new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}",
			false);

	private final CountDownLatch closing = new CountDownLatch(1);

	RecordedRegistry() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Answers {@code METHOD /path} (query included) with the status and body. */
	RecordedRegistry answer(String methodAndPath, int status, String body) {
		this.answers.put(methodAndPath, new Answer(status, body, false));
		return this;
	}

	/** Holds {@code METHOD /path} unanswered until this server closes. */
	RecordedRegistry neverAnswer(String methodAndPath) {
		this.answers.put(methodAndPath, new Answer(200, "{}", true));
		return this;
	}

	/** What every unrecorded request gets. */
	RecordedRegistry answerEverything(int status, String body) {
		this.fallback = new Answer(status, body, false);
		return this;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<Call> calls() {
		return this.calls;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String target = exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() == null) ? ""
				: "?" + exchange.getRequestURI().getRawQuery());
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.calls
			.add(new Call(exchange.getRequestMethod(), target, exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Content-Type"), body));
		Answer answer = this.answers.getOrDefault(exchange.getRequestMethod() + " " + target, this.fallback);
		if (answer.hang()) {
			try {
				this.closing.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
	}

}
