package io.removaltracker.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real HTTP calls to a running service, answers parsed as JSON.
 *
 * @param authorization the {@code Authorization} header every call sends (asked for anew
 * on each, so a token source can renew), or null for anonymous calls
 */
public record HttpJson(String baseUrl, Supplier<String> authorization) {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	public HttpJson(String baseUrl) {
		this(baseUrl, null);
	}

	/** The same service, every call with this {@code Authorization} header. */
	public HttpJson withAuthorization(Supplier<String> authorization) {
		return new HttpJson(this.baseUrl, authorization);
	}

	public record Answer(int status, String contentType, JsonNode body, String location) {
	}

	public Answer post(String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Answer postJson(String body) {
		return post("/api/v1/events", "application/json", body);
	}

	public Answer put(String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Answer delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).DELETE());
	}

	public Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
	}

	/** The body of a GET as text, for non-JSON endpoints such as Prometheus. */
	public static String text(String url) {
		return text(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	private static String text(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The service's port from a running Spring application context. */
	public static HttpJson of(org.springframework.context.ConfigurableApplicationContext context) {
		return new HttpJson("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * The body of a GET on this service as text, for non-JSON endpoints such as
	 * Prometheus.
	 */
	public String getText(String path) {
		if (this.authorization == null) {
			return text(this.baseUrl + path);
		}
		return text(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", this.authorization.get())
			.GET());
	}

	private static JsonNode readOrText(String body) throws IOException {
		try {
			return JSON.readTree(body);
		}
		catch (com.fasterxml.jackson.core.JacksonException ex) {
			return JSON.getNodeFactory().textNode(body);
		}
	}

	private Answer send(HttpRequest.Builder request) {
		if (this.authorization != null) {
			request.header("Authorization", this.authorization.get());
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? JSON.nullNode() : readOrText(response.body());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
					response.headers().firstValue("Location").orElse(null));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
