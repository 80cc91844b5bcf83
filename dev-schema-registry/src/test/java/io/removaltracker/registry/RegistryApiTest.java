package io.removaltracker.registry;

import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.HttpJson.Answer;
import io.removaltracker.testing.SharedKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST subset and its Confluent-shaped answers, against a real broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryApiTest {

	private static final String PERSON = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";

	private static final String PERSON_WITH_AGE = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
			+ "{\"name\":\"age\",\"type\":[\"null\",\"int\"],\"default\":null}]}";

	private static final String PERSON_REQUIRED_AGE = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
			+ "{\"name\":\"age\",\"type\":\"int\"}]}";

	@LocalServerPort
	int port;

	private HttpJson http;

	private String subject;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
		registry.add("registry.topic", () -> SharedKafka.uniqueTopic("_schemas"));
	}

	@BeforeEach
	void client() {
		this.http = new HttpJson("http://127.0.0.1:" + this.port);
		this.subject = SharedKafka.uniqueTopic("people") + "-value";
	}

	@Test
	void registerLookUpAndReadBack() {
		Answer registered = post("/subjects/" + this.subject + "/versions", schemaBody(PERSON));
		int id = registered.body().get("id").asInt();

		assertThat(registered.status()).isEqualTo(200);
		assertThat(registered.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
		assertThat(post("/subjects/" + this.subject + "/versions", schemaBody(PERSON)).body().get("id").asInt())
			.isEqualTo(id);
		Answer lookup = post("/subjects/" + this.subject, schemaBody(PERSON));
		assertThat(lookup.body().get("subject").asText()).isEqualTo(this.subject);
		assertThat(lookup.body().get("version").asInt()).isEqualTo(1);
		assertThat(lookup.body().get("id").asInt()).isEqualTo(id);
		assertThat(this.http.get("/schemas/ids/" + id).body().get("schema").asText()).contains("\"Person\"");
		assertThat(this.http.get("/subjects").body().toString()).contains(this.subject);
	}

	@Test
	void compatibleVersionsAreNumberedAndListed() {
		post("/subjects/" + this.subject + "/versions", schemaBody(PERSON));
		post("/subjects/" + this.subject + "/versions", schemaBody(PERSON_WITH_AGE));

		assertThat(this.http.get("/subjects/" + this.subject + "/versions").body().toString()).isEqualTo("[1,2]");
		assertThat(this.http.get("/subjects/" + this.subject + "/versions/latest").body().get("version").asInt())
			.isEqualTo(2);
		assertThat(this.http.get("/subjects/" + this.subject + "/versions/1").body().get("schema").asText())
			.doesNotContain("age");
	}

	@Test
	void incompatibleRegistrationIsRefusedWith409AndTheReason() {
		post("/subjects/" + this.subject + "/versions", schemaBody(PERSON));

		Answer refused = post("/subjects/" + this.subject + "/versions", schemaBody(PERSON_REQUIRED_AGE));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body().get("error_code").asInt()).isEqualTo(409);
		assertThat(refused.body().get("message").asText()).contains("field 'Person.age'").contains("BACKWARD");
	}

	@Test
	void compatibilityCheckAnswersWithReasonsWhenVerbose() {
		post("/subjects/" + this.subject + "/versions", schemaBody(PERSON));

		Answer ok = post("/compatibility/subjects/" + this.subject + "/versions/latest", schemaBody(PERSON_WITH_AGE));
		Answer broken = post("/compatibility/subjects/" + this.subject + "/versions/1?verbose=true",
				schemaBody(PERSON_REQUIRED_AGE));

		assertThat(ok.body().get("is_compatible").asBoolean()).isTrue();
		assertThat(broken.body().get("is_compatible").asBoolean()).isFalse();
		assertThat(broken.body().get("messages").get(0).asText()).contains("Person.age");
	}

	@Test
	void compatibilityLevelsAreReadAndSet() {
		post("/subjects/" + this.subject + "/versions", schemaBody(PERSON));

		assertThat(this.http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
		assertThat(this.http.get("/config/" + this.subject).body().get("error_code").asInt()).isEqualTo(40408);
		assertThat(put("/config/" + this.subject, "{\"compatibility\":\"NONE\"}").body().toString())
			.isEqualTo("{\"compatibility\":\"NONE\"}");
		assertThat(this.http.get("/config/" + this.subject).body().get("compatibilityLevel").asText())
			.isEqualTo("NONE");
		assertThat(post("/subjects/" + this.subject + "/versions", schemaBody(PERSON_REQUIRED_AGE)).status())
			.isEqualTo(200);
	}

	@Test
	void errorsUseConfluentCodes() {
		post("/subjects/" + this.subject + "/versions", schemaBody(PERSON));

		assertError(this.http.get("/subjects/nobody-value/versions/latest"), 404, 40401);
		assertError(this.http.get("/subjects/" + this.subject + "/versions/9"), 404, 40402);
		assertError(this.http.get("/schemas/ids/987654"), 404, 40403);
		assertError(post("/subjects/" + this.subject, schemaBody(PERSON_REQUIRED_AGE)), 404, 40403);
		assertError(post("/subjects/" + this.subject + "/versions", schemaBody("{\"type\":\"recrod\"}")), 422, 42201);
		assertError(this.http.get("/subjects/" + this.subject + "/versions/zero"), 422, 42202);
		assertError(put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
		assertError(post("/subjects/" + this.subject + "/versions", "not json"), 400, 400);
		assertError(post("/subjects/" + this.subject + "/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"),
				422, 42201);
	}

	@Test
	void unknownRoutesAndMethodsAnswerInConfluentShape() {
		assertError(this.http.get("/no/such/route"), 404, 404);
		assertError(this.http.delete("/subjects"), 405, 405);
	}

	/** A registration body for the schema text, as Confluent clients send it. */
	private static String schemaBody(String schemaJson) {
		return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
			.put("schema", schemaJson)
			.toString();
	}

	private Answer post(String path, String body) {
		return this.http.post(path, "application/vnd.schemaregistry.v1+json", body);
	}

	private Answer put(String path, String body) {
		return this.http.put(path, "application/json", body);
	}

	private static void assertError(Answer answer, int status, int errorCode) {
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
		assertThat(answer.body().get("error_code").asInt()).isEqualTo(errorCode);
		assertThat(answer.body().get("message").asText()).isNotBlank();
	}

}
