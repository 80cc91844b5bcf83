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
 * Real HTTP calls to a running service, answers parsed as JSON. Each call carries the
 * {@code Authorization} header of {@code authorization} (none when it gives null): by
 * default a token of the {@link TestIssuer} with every scope, so a test about what a
 * service does is not also a test of who may ask.
 */
public record HttpJson(String baseUrl, Supplier<String> authorization) {

	public HttpJson(String baseUrl) {
		this(baseUrl, TestIssuer::allScopesAuthorization);
	}

	/** The same service, called without any {@code Authorization} header. */
	public HttpJson anonymous() {
		return new HttpJson(this.baseUrl, () -> null);
	}

	/**
	 * The same service, each call sending the {@code Authorization} header this gives
	 * (asked for anew on each call, so a token source can renew).
	 */
	public HttpJson withAuthorization(Supplier<String> authorization) {
		return new HttpJson(this.baseUrl, authorization);
	}

	/** The same service, called with this bearer token. */
	public HttpJson withBearer(String token) {
		return new HttpJson(this.baseUrl, () -> "Bearer " + token);
	}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	public record Answer(int status, String contentType, JsonNode body, String location) {
	}

	public Answer post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Answer postJson(String body) {
		return post("/api/v1/events", "application/json", body);
	}

	public Answer put(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Answer delete(String path) {
		return send(request(path).DELETE());
	}

	public Answer get(String path) {
		return send(request(path).GET());
	}

	/**
	 * The body of a GET as text, for non-JSON endpoints such as Prometheus, asked with a
	 * token with every scope.
	 */
	public static String text(String url) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url))
					.header("Authorization", TestIssuer.allScopesAuthorization())
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
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
		try {
			return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path));
		String header = this.authorization.get();
		if (header != null) {
			request.header("Authorization", header);
		}
		return request;
	}

	private static JsonNode readOrText(String body) throws IOException {
		try {
			return JSON.readTree(body);
		}
		catch (com.fasterxml.jackson.core.JacksonException ex) {
			return JSON.getNodeFactory().textNode(body);
		}
	}

	private static Answer send(HttpRequest.Builder request) {
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
