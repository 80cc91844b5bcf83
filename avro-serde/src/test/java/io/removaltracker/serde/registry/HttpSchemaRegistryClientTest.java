package io.removaltracker.serde.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP client against recorded Confluent Schema Registry answers, errors included.
 */
class HttpSchemaRegistryClientTest {

	private static final Schema PERSON = InMemoryRegistryTest.PERSON_V1;

	private static final String PERSON_JSON_STRING = jsonString(PERSON.toString());

	private RecordedRegistry registry;

	@BeforeEach
	void start() throws IOException {
		this.registry = new RecordedRegistry();
	}

	@AfterEach
	void stop() {
		this.registry.close();
	}

	@Test
	void registerPostsTheSchemaAndCachesTheId() {
		this.registry.answer("POST /subjects/people-value/versions", 200, "{\"id\":7}");
		HttpSchemaRegistryClient client = client(this.registry.url());

		assertThat(client.register("people-value", PERSON)).isEqualTo(7);
		assertThat(client.register("people-value", PERSON)).isEqualTo(7);
		assertThat(client.schemaById(7)).isEqualTo(PERSON);

		assertThat(this.registry.calls()).singleElement().satisfies((call) -> {
			assertThat(call.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
			assertThat(call.body()).isEqualTo("{\"schema\":" + PERSON_JSON_STRING + "}");
		});
	}

	@Test
	void schemaByIdIsFetchedOnceAndCached() {
		this.registry.answer("GET /schemas/ids/3", 200, "{\"schema\":" + PERSON_JSON_STRING + "}");
		HttpSchemaRegistryClient client = client(this.registry.url());

		assertThat(client.schemaById(3)).isEqualTo(PERSON);
		assertThat(client.schemaById(3)).isEqualTo(PERSON);
		assertThat(this.registry.calls()).hasSize(1);
	}

	@Test
	void lookupLatestVersionsAndSubjectsReadConfluentShapes() {
		String registered = "{\"subject\":\"people value\",\"version\":2,\"id\":5,\"schema\":" + PERSON_JSON_STRING
				+ "}";
		this.registry.answer("POST /subjects/people%20value", 200, registered)
			.answer("GET /subjects/people%20value/versions/latest", 200, registered)
			.answer("GET /subjects/people%20value/versions/2", 200, registered)
			.answer("GET /subjects/people%20value/versions", 200, "[1,2]")
			.answer("GET /subjects", 200, "[\"people value\",\"other-value\"]");
		HttpSchemaRegistryClient client = client(this.registry.url());

		assertThat(client.lookup("people value", PERSON)).isEqualTo(new RegisteredSchema("people value", 2, 5, PERSON));
		assertThat(client.latest("people value").id()).isEqualTo(5);
		assertThat(client.version("people value", 2).version()).isEqualTo(2);
		assertThat(client.versions("people value")).containsExactly(1, 2);
		assertThat(client.subjects()).containsExactly("people value", "other-value");
	}

	@Test
	void notFoundErrorBodyIsSurfacedWithItsCode() {
		this.registry.answer("GET /schemas/ids/42", 404, "{\"error_code\":40403,\"message\":\"Schema 42 not found\"}");

		assertThatThrownBy(() -> client(this.registry.url()).schemaById(42))
			.isInstanceOfSatisfying(SchemaRegistryException.class, (ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(404);
				assertThat(ex.errorCode()).isEqualTo(40403);
			})
			.hasMessageContaining("Schema 42 not found")
			.hasMessageContaining(this.registry.url());
	}

	@Test
	void incompatibleRegistrationSurfacesTheRegistrysMessage() {
		this.registry.answer("POST /subjects/people-value/versions", 409, "{\"error_code\":409,\"message\":"
				+ "\"Schema being registered is incompatible with an earlier schema for subject \\\"people-value\\\"\"}");

		assertThatThrownBy(() -> client(this.registry.url()).register("people-value", PERSON))
			.isInstanceOfSatisfying(SchemaRegistryException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA))
			.hasMessageContaining("incompatible with an earlier schema for subject \"people-value\"");
	}

	@Test
	void invalidSchemaAnswerKeepsTheCode42201() {
		this.registry.answer("POST /subjects/people-value/versions", 422,
				"{\"error_code\":42201,\"message\":\"Invalid schema\"}");

		assertThatThrownBy(() -> client(this.registry.url()).register("people-value", PERSON))
			.isInstanceOfSatisfying(SchemaRegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(42201));
	}

	@Test
	void failsOverToTheNextUrlWhenTheFirstRefusesConnections() throws IOException {
		this.registry.answer("POST /subjects/people-value/versions", 200, "{\"id\":1}");
		String closed = "http://127.0.0.1:" + freePort();

		assertThat(client(closed + "," + this.registry.url()).register("people-value", PERSON)).isEqualTo(1);
	}

	@Test
	void failsOverOnServerErrorsAndStaysWithTheRegistryThatAnswered() throws IOException {
		try (RecordedRegistry broken = new RecordedRegistry()) {
			broken.answerEverything(503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request\"}");
			this.registry.answer("GET /subjects", 200, "[]");
			HttpSchemaRegistryClient client = client(broken.url() + "," + this.registry.url());

			client.subjects();
			client.subjects();

			assertThat(broken.calls()).hasSize(1);
			assertThat(this.registry.calls()).hasSize(2);
		}
	}

	@Test
	void clientErrorsDoNotFailOver() throws IOException {
		try (RecordedRegistry second = new RecordedRegistry()) {
			this.registry.answer("GET /subjects/x/versions/latest", 404,
					"{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}");

			assertThatThrownBy(() -> client(this.registry.url() + "," + second.url()).latest("x"))
				.isInstanceOfSatisfying(SchemaRegistryException.class,
						(ex) -> assertThat(ex.errorCode()).isEqualTo(40401));
			assertThat(second.calls()).isEmpty();
		}
	}

	@Test
	void unreachableRegistryIsNamedWithoutItsCredentials() throws IOException {
		String url = "http://svc-user:s3cret@127.0.0.1:" + freePort();
		HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url, "svc-user:s3cret", Duration.ofSeconds(2),
				Duration.ofSeconds(2));

		assertThatThrownBy(() -> client.subjects())
			.isInstanceOfSatisfying(SchemaRegistryException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE))
			.hasMessageContaining("unreachable")
			.hasMessageContaining("http://127.0.0.1:")
			.hasMessageNotContaining("s3cret")
			.hasMessageNotContaining("svc-user");
	}

	@Test
	void registryThatNeverAnswersTimesOut() {
		this.registry.neverAnswer("GET /subjects");
		HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(this.registry.url(), null, Duration.ofSeconds(1),
				Duration.ofMillis(200));

		assertThatThrownBy(client::subjects).isInstanceOf(SchemaRegistryException.class)
			.hasMessageContaining("HttpTimeoutException");
	}

	@Test
	void basicAuthIsSentFromUserInfo() {
		this.registry.answer("GET /subjects", 200, "[]");
		new HttpSchemaRegistryClient(this.registry.url(), "ops:pa55", Duration.ofSeconds(2), Duration.ofSeconds(2))
			.subjects();

		assertThat(this.registry.calls().get(0).authorization()).isEqualTo(basic("ops:pa55"));
	}

	@Test
	void basicAuthIsSentFromTheUrlAndNotInTheRequestTarget() {
		this.registry.answer("GET /subjects", 200, "[]");
		String url = this.registry.url().replace("http://", "http://ops:pa55@");

		client(url).subjects();

		assertThat(this.registry.calls().get(0).authorization()).isEqualTo(basic("ops:pa55"));
	}

	@Test
	void compatibilityAndConfigUseConfluentShapes() {
		this.registry
			.answer("POST /compatibility/subjects/people-value/versions/latest?verbose=true", 200,
					"{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE age\"]}")
			.answer("GET /config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}")
			.answer("GET /config/people-value?defaultToGlobal=true", 200, "{\"compatibilityLevel\":\"FULL\"}")
			.answer("PUT /config/people-value", 200, "{\"compatibility\":\"NONE\"}");
		HttpSchemaRegistryClient client = client(this.registry.url());

		assertThat(client.compatibilityViolations("people-value", PERSON))
			.containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE age");
		assertThat(client.compatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
		assertThat(client.compatibility("people-value")).isEqualTo(CompatibilityLevel.FULL);
		client.setCompatibility("people-value", CompatibilityLevel.NONE);
		assertThat(this.registry.calls().get(3).body()).isEqualTo("{\"compatibility\":\"NONE\"}");
	}

	@Test
	void compatibilityCheckOfANewSubjectHasNothingToBreak() {
		this.registry.answer("POST /compatibility/subjects/new-value/versions/latest?verbose=true", 404,
				"{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}");

		assertThat(client(this.registry.url()).compatibilityViolations("new-value", PERSON)).isEmpty();
	}

	private static HttpSchemaRegistryClient client(String urls) {
		return new HttpSchemaRegistryClient(urls, HttpSchemaRegistryClient.userInfoFromUrl(urls), Duration.ofSeconds(2),
				Duration.ofSeconds(5));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String basic(String userInfo) {
		return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
	}

	private static String jsonString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
