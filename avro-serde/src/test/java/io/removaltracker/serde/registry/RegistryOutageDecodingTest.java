package io.removaltracker.serde.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

import io.removaltracker.serde.AvroDeserializer;
import io.removaltracker.serde.RegistryUnavailableException;
import io.removaltracker.serde.SerdeConfig;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A registry that cannot answer is not a verdict on the bytes: decoding fails as
 * {@link RegistryUnavailableException} (wait and retry), and the same bytes decode once
 * the registry answers. A registry that answers "no such schema" is a verdict.
 */
class RegistryOutageDecodingTest {

	private static final Schema PERSON = InMemoryRegistryTest.PERSON_V1;

	private static final int SCHEMA_ID = 9;

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
	void registryAnswering503IsTransientAndTheSameBytesDecodeOnceItAnswers() throws IOException {
		byte[] frame = framed(person("Ada"));
		AvroDeserializer<GenericRecord> deserializer = deserializer(this.registry.url());
		this.registry.answerEverything(503, "{\"error_code\":50003,\"message\":\"Error while forwarding\"}");

		assertThatThrownBy(() -> deserializer.deserialize("people", frame))
			.isInstanceOf(RegistryUnavailableException.class)
			.hasMessageContaining("people")
			.hasMessageContaining("schema id " + SCHEMA_ID);

		this.registry.answer("GET /schemas/ids/" + SCHEMA_ID, 200,
				"{\"schema\":" + jsonString(PERSON.toString()) + "}");
		assertThat(deserializer.deserialize("people", frame).get("name")).hasToString("Ada");
	}

	@Test
	void registryThatIsNotThereIsTransient() throws IOException {
		this.registry.close();
		AvroDeserializer<GenericRecord> deserializer = deserializer(this.registry.url());

		assertThatThrownBy(() -> deserializer.deserialize("people", framed(person("Ada"))))
			.isInstanceOf(RegistryUnavailableException.class);
	}

	@Test
	void refusedCredentialsAreTransientNotAVerdictOnTheData() throws IOException {
		this.registry.answerEverything(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");

		assertThatThrownBy(() -> deserializer(this.registry.url()).deserialize("people", framed(person("Ada"))))
			.isInstanceOf(RegistryUnavailableException.class);
	}

	@Test
	void schemaTheRegistrySaysItDoesNotHaveIsPermanent() throws IOException {
		this.registry.answer("GET /schemas/ids/" + SCHEMA_ID, 404,
				"{\"error_code\":40403,\"message\":\"Schema " + SCHEMA_ID + " not found\"}");

		assertThatThrownBy(() -> deserializer(this.registry.url()).deserialize("people", framed(person("Ada"))))
			.isInstanceOf(SerializationException.class)
			.isNotInstanceOf(RegistryUnavailableException.class)
			.hasMessageContaining("not found");
	}

	@Test
	void transienceIsFoundThroughWrappingExceptions() {
		RegistryUnavailableException cause = new RegistryUnavailableException("registry down", null);

		assertThat(RegistryUnavailableException.isCauseOf(new IllegalStateException("task failed", cause))).isTrue();
		assertThat(RegistryUnavailableException.isCauseOf(new SerializationException("bad magic byte"))).isFalse();
	}

	private static AvroDeserializer<GenericRecord> deserializer(String url) {
		AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
		deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.REQUEST_TIMEOUT_MS, "1000",
				SerdeConfig.CONNECT_TIMEOUT_MS, "1000"), false);
		return deserializer;
	}

	private static GenericRecord person(String name) {
		GenericRecord person = new GenericData.Record(PERSON);
		for (Schema.Field field : PERSON.getFields()) {
			if (field.schema().getType() == Schema.Type.STRING) {
				person.put(field.name(), name);
			}
		}
		return person;
	}

	private static byte[] framed(GenericRecord record) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0);
		out.write(ByteBuffer.allocate(4).putInt(SCHEMA_ID).array());
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new GenericDatumWriter<GenericRecord>(PERSON).write(record, encoder);
		encoder.flush();
		return out.toByteArray();
	}

	private static String jsonString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
