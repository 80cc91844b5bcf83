package io.removaltracker.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.testing.SharedKafka;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry battery (docs/contract.md, Access): every endpoint asked with no
 * credentials, a wrong password, a reader and an admin, each answer's status checked,
 * every refusal in Confluent's error shape (401 with a {@code Basic} challenge), and
 * nothing changed by a refused request. Then other broken credentials on a write, each
 * 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "registry.principals.operator.password=" + RegistryAccessTest.ADMIN_PASSWORD,
				"registry.principals.operator.admin=true",
				"registry.principals.upstream.password=" + RegistryAccessTest.READER_PASSWORD })
class RegistryAccessTest {

	static final String ADMIN_PASSWORD = "admin-secret-7f3a";

	static final String READER_PASSWORD = "reader-secret-91c2";

	private static final String PERSON = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";

	private static final String PERSON_WITH_AGE = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
			+ "{\"name\":\"age\",\"type\":[\"null\",\"int\"],\"default\":null}]}";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
		registry.add("registry.topic", () -> SharedKafka.uniqueTopic("_schemas"));
	}

	/** A request and how it is answered to a reader and to an admin. */
	private record Endpoint(String method, String path, String body, int readerStatus, int adminStatus) {

		static Endpoint read(String method, String path, String body, int status) {
			return new Endpoint(method, path, body, status, status);
		}

		static Endpoint admin(String method, String path, String body, int adminStatus) {
			return new Endpoint(method, path, body, 403, adminStatus);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	private record Answer(int status, String contentType, String challenge, String body) {
	}

	@TestFactory
	Stream<DynamicContainer> everyEndpointWithNoCredentialsAWrongPasswordAReaderAndAnAdmin() {
		String subject = SharedKafka.uniqueTopic("people") + "-value";
		Answer registered = call("POST", "/subjects/" + subject + "/versions", schemaBody(PERSON), admin());
		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		int id = json(registered.body()).get("id").asInt();

		List<Endpoint> endpoints = List.of(Endpoint.read("GET", "/subjects", null, 200),
				Endpoint.read("GET", "/subjects/" + subject + "/versions", null, 200),
				Endpoint.read("GET", "/subjects/" + subject + "/versions/latest", null, 200),
				Endpoint.read("GET", "/subjects/" + subject + "/versions/1", null, 200),
				Endpoint.read("GET", "/schemas/ids/" + id, null, 200), Endpoint.read("GET", "/config", null, 200),
				Endpoint.read("GET", "/config/" + subject + "?defaultToGlobal=true", null, 200),
				Endpoint.read("GET", "/actuator/info", null, 200),
				Endpoint.read("POST", "/subjects/" + subject, schemaBody(PERSON), 200),
				Endpoint.read("POST", "/compatibility/subjects/" + subject + "/versions/latest",
						schemaBody(PERSON_WITH_AGE), 200),
				Endpoint.admin("POST", "/subjects/" + subject + "/versions", schemaBody(PERSON_WITH_AGE), 200),
				Endpoint.admin("PUT", "/config", "{\"compatibility\":\"BACKWARD\"}", 200),
				Endpoint.admin("PUT", "/config/" + subject, "{\"compatibility\":\"FULL\"}", 200),
				Endpoint.admin("DELETE", "/subjects/" + subject, null, 405),
				Endpoint.admin("DELETE", "/subjects/" + subject + "/versions/1", null, 405),
				Endpoint.admin("DELETE", "/config", null, 405),
				Endpoint.admin("POST", "/subjects/" + subject + "/versions/1", schemaBody(PERSON), 405));

		List<DynamicContainer> battery = new ArrayList<>();
		for (Endpoint endpoint : endpoints) {
			battery.add(DynamicContainer.dynamicContainer(endpoint.toString(),
					Stream.of(refused(endpoint, "no credentials", null, 401),
							refused(endpoint, "wrong password", basic("operator", READER_PASSWORD), 401),
							answered(endpoint, "reader", reader(), endpoint.readerStatus(), subject),
							answered(endpoint, "admin", admin(), endpoint.adminStatus(), subject))));
		}
		battery.add(DynamicContainer.dynamicContainer("GET /actuator/health (the probe)",
				Stream.of(probe("no credentials", null), probe("wrong password", basic("operator", "nope")),
						probe("reader", reader()), probe("admin", admin()))));
		Endpoint write = Endpoint.admin("POST", "/subjects/" + subject + "/versions", schemaBody(PERSON_WITH_AGE), 200);
		battery.add(DynamicContainer.dynamicContainer("other broken credentials on " + write,
				Stream.of(refused(write, "unknown principal", basic("stranger", ADMIN_PASSWORD), 401),
						refused(write, "empty password", basic("operator", ""), 401),
						refused(write, "password with a suffix", basic("operator", ADMIN_PASSWORD + "x"), 401),
						refused(write, "not base64", "Basic !!not-base64!!", 401),
						refused(write, "no colon", "Basic " + base64("operator" + ADMIN_PASSWORD), 401),
						refused(write, "a bearer token", "Bearer " + base64(ADMIN_PASSWORD), 401))));
		return battery.stream();
	}

	private DynamicTest refused(Endpoint endpoint, String caller, String authorization, int status) {
		return answered(endpoint, caller, authorization, status, null);
	}

	/**
	 * The endpoint asked by the caller; when it is refused, what the registry holds is
	 * read (as the admin) before and after and must not have changed.
	 */
	private DynamicTest answered(Endpoint endpoint, String caller, String authorization, int status, String subject) {
		return DynamicTest.dynamicTest(caller + " -> " + status, () -> {
			String before = (status >= 400) ? holdings(subject) : null;

			Answer answer = call(endpoint.method(), endpoint.path(), endpoint.body(), authorization);

			assertThat(answer.status()).as(answer.body()).isEqualTo(status);
			if (status >= 400) {
				assertConfluentError(answer, status);
				assertThat(holdings(subject)).isEqualTo(before);
			}
			if (status == 401) {
				assertThat(answer.challenge()).startsWith("Basic realm=\"schema-registry\"");
			}
		});
	}

	private DynamicTest probe(String caller, String authorization) {
		return DynamicTest.dynamicTest(caller + " -> 200", () -> {
			Answer answer = call("GET", "/actuator/health", null, authorization);

			assertThat(answer.status()).isEqualTo(200);
			assertThat(json(answer.body()).get("status").asText()).isEqualTo("UP");
		});
	}

	private static void assertConfluentError(Answer answer, int status) {
		assertThat(answer.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
		JsonNode body = json(answer.body());
		assertThat(body.get("error_code").asInt()).isEqualTo(status);
		assertThat(body.get("message").asText()).isNotBlank()
			.doesNotContain(ADMIN_PASSWORD)
			.doesNotContain(READER_PASSWORD);
	}

	/** What the registry holds, as an admin reads it: subjects, versions, settings. */
	private String holdings(String subject) {
		String admin = admin();
		StringBuilder state = new StringBuilder(call("GET", "/subjects", null, admin).body())
			.append(call("GET", "/config", null, admin).body());
		if (subject != null) {
			state.append(call("GET", "/subjects/" + subject + "/versions", null, admin).body())
				.append(call("GET", "/config/" + subject + "?defaultToGlobal=true", null, admin).body());
		}
		return state.toString();
	}

	private Answer call(String method, String path, String body, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/vnd.schemaregistry.v1+json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("WWW-Authenticate").orElse(null), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String admin() {
		return basic("operator", ADMIN_PASSWORD);
	}

	private static String reader() {
		return basic("upstream", READER_PASSWORD);
	}

	static String basic(String name, String password) {
		return "Basic " + base64(name + ":" + password);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String schemaBody(String schemaJson) {
		return JSON.createObjectNode().put("schema", schemaJson).toString();
	}

	private static JsonNode json(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Not JSON: " + text, ex);
		}
	}

}
