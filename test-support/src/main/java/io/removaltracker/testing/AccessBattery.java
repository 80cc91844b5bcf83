package io.removaltracker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access test every service runs (docs/contract.md, Access) against its own
 * endpoints: for each, a caller with no token, a malformed {@code Authorization} header,
 * an expired token, one signed by another key, one from another issuer, one with
 * {@code alg: none} (each {@code 401} with {@code WWW-Authenticate: Bearer}), a valid
 * token without the scope ({@code 403}, {@code insufficient_scope}), and one with only
 * that scope. Every refusal is a problem+json with exactly {@code type}, {@code title},
 * {@code status}, {@code detail} (so no data), and leaves what the service writes
 * unchanged.
 */
public final class AccessBattery {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Set<String> PROBLEM_FIELDS = Set.of("detail", "status", "title", "type");

	private AccessBattery() {
	}

	/**
	 * An endpoint, the scope it needs, and how it answers a caller with only that scope.
	 */
	public record Endpoint(String method, String path, String body, String scope, int statusWithScope) {

		public static Endpoint get(String path, String scope, int statusWithScope) {
			return new Endpoint("GET", path, null, scope, statusWithScope);
		}

		public static Endpoint post(String path, String json, String scope, int statusWithScope) {
			return new Endpoint("POST", path, json, scope, statusWithScope);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/** A caller of the battery and the answer it must get. */
	private record Caller(String name, Function<Endpoint, String> authorization, int status, String bearerError) {
	}

	/**
	 * The battery for these endpoints of the service at {@code baseUrl}, in order (the
	 * caller with the scope last, as its request may write). {@code writes} tells what
	 * the service has written so far (end offsets, say): it must read the same after
	 * every refused request.
	 */
	public static Stream<DynamicContainer> of(String baseUrl, Supplier<?> writes, Endpoint... endpoints) {
		TestIssuer issuer = TestIssuer.shared();
		List<Caller> callers = List.of(new Caller("no token", (endpoint) -> null, 401, null),
				new Caller("malformed header", (endpoint) -> "Bearer not a token", 401, "invalid_token"),
				new Caller("expired token", (endpoint) -> bearer(issuer.expiredToken(endpoint.scope())), 401,
						"invalid_token"),
				new Caller("token signed by another key",
						(endpoint) -> bearer(issuer.tokenSignedByAnotherKey(endpoint.scope())), 401, "invalid_token"),
				new Caller("token from another issuer",
						(endpoint) -> bearer(issuer.tokenFromAnotherIssuer(endpoint.scope())), 401, "invalid_token"),
				new Caller("token with alg none", (endpoint) -> bearer(issuer.unsignedToken(endpoint.scope())), 401,
						"invalid_token"),
				new Caller("token without the scope", (endpoint) -> bearer(issuer.token(allBut(endpoint.scope()))), 403,
						"insufficient_scope"));
		return Stream.of(endpoints).map((endpoint) -> {
			List<DynamicTest> tests = new ArrayList<>();
			for (Caller caller : callers) {
				tests.add(DynamicTest.dynamicTest(caller.name() + ": " + caller.status(),
						() -> assertRefused(baseUrl, endpoint, caller, writes)));
			}
			tests.add(DynamicTest.dynamicTest("token with " + endpoint.scope() + ": " + endpoint.statusWithScope(),
					() -> {
						Reply reply = send(baseUrl, endpoint, bearer(issuer.token(endpoint.scope())));
						assertEquals(endpoint.statusWithScope(), reply.status(), reply::toString);
					}));
			return DynamicContainer.dynamicContainer(endpoint.toString(), tests);
		});
	}

	/**
	 * The health probes: open to anyone, the status alone without {@code metrics:read},
	 * the details with it (but for liveness, whose group Spring Boot defines and never
	 * details).
	 */
	public static Stream<DynamicTest> probes(String baseUrl) {
		TestIssuer issuer = TestIssuer.shared();
		Stream<DynamicTest> liveness = Stream
			.of(DynamicTest.dynamicTest("/actuator/health/liveness: status only", () -> {
				for (String authorization : new String[] { null,
						bearer(issuer.token(TestIssuer.ALL_SCOPES.toArray(String[]::new))) }) {
					Reply reply = send(baseUrl, Endpoint.get("/actuator/health/liveness", null, 200), authorization);
					assertEquals(200, reply.status(), reply::toString);
					assertEquals(Set.of("status"), fields(reply.json()), reply::toString);
				}
			}));
		return Stream.concat(liveness, Stream.of("/actuator/health", "/actuator/health/readiness")
			.flatMap((path) -> Stream.of(DynamicTest.dynamicTest(path + ", anonymous: status only", () -> {
				Reply reply = send(baseUrl, Endpoint.get(path, null, 200), null);
				assertEquals(200, reply.status(), reply::toString);
				assertEquals(Set.of("status"), fields(reply.json()), reply::toString);
			}), DynamicTest.dynamicTest(path + ", token without metrics:read: status only", () -> {
				Reply reply = send(baseUrl, Endpoint.get(path, null, 200),
						bearer(issuer.token(allBut("metrics:read"))));
				assertEquals(200, reply.status(), reply::toString);
				assertEquals(Set.of("status"), fields(reply.json()), reply::toString);
			}), DynamicTest.dynamicTest(path + ", token with metrics:read: details", () -> {
				Reply reply = send(baseUrl, Endpoint.get(path, null, 200), bearer(issuer.token("metrics:read")));
				assertEquals(200, reply.status(), reply::toString);
				assertTrue(reply.json().has("components"), reply::toString);
			}))));
	}

	private static void assertRefused(String baseUrl, Endpoint endpoint, Caller caller, Supplier<?> writes)
			throws IOException {
		Object before = writes.get();
		Reply reply = send(baseUrl, endpoint, caller.authorization().apply(endpoint));
		assertEquals(caller.status(), reply.status(), reply::toString);
		String challenge = reply.wwwAuthenticate();
		assertTrue(challenge != null && challenge.startsWith("Bearer"), reply::toString);
		if (caller.bearerError() != null) {
			assertTrue(challenge.contains("error=\"" + caller.bearerError() + "\""), reply::toString);
		}
		else {
			assertFalse(challenge.contains("error="), reply::toString);
		}
		assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
		JsonNode problem = reply.json();
		assertEquals(PROBLEM_FIELDS, fields(problem), reply::toString);
		assertTrue(problem.path("type").asText().startsWith("urn:removal-tracker:problem:"), reply::toString);
		assertFalse(problem.path("title").asText().isBlank(), reply::toString);
		assertEquals(caller.status(), problem.path("status").asInt(), reply::toString);
		assertFalse(problem.path("detail").asText().isBlank(), reply::toString);
		assertEquals(before, writes.get(), "a refused " + endpoint + " wrote something");
	}

	private static String[] allBut(String scope) {
		return TestIssuer.ALL_SCOPES.stream().filter((other) -> !other.equals(scope)).toArray(String[]::new);
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private static Set<String> fields(JsonNode json) {
		Set<String> names = new TreeSet<>();
		json.fieldNames().forEachRemaining(names::add);
		return names;
	}

	private record Reply(int status, String contentType, String wwwAuthenticate, String body) {

		JsonNode json() throws IOException {
			return JSON.readTree(this.body);
		}

	}

	/**
	 * Reads the body unless it is an event stream, which stays open: its status and
	 * headers are the answer.
	 */
	private static Reply send(String baseUrl, Endpoint endpoint, String authorization) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint.path()))
			.timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (endpoint.body() != null) {
			request.header("Content-Type", "application/json")
				.method(endpoint.method(), HttpRequest.BodyPublishers.ofString(endpoint.body()));
		}
		else {
			request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			try (InputStream body = response.body()) {
				String text = contentType.startsWith("text/event-stream") ? ""
						: new String(body.readAllBytes(), StandardCharsets.UTF_8);
				return new Reply(response.statusCode(), contentType,
						response.headers().firstValue("WWW-Authenticate").orElse(null), text);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}
