package io.removaltracker.serde;

import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import io.removaltracker.serde.registry.InMemoryRegistry;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import io.removaltracker.serde.registry.RegisteredSchema;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Confluent wire format byte for byte, with the vectors checked against Avro 1.12.1
 * in the team's notes, and every way a frame can be wrong.
 */
class WireFormatTest {

	private static final Schema USER = parse(
			"{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"},{\"name\":\"name\",\"type\":\"string\"}]}");

	private static final Schema MIXED = parse("{\"type\":\"record\",\"name\":\"Mixed\",\"fields\":["
			+ "{\"name\":\"delta\",\"type\":\"int\"},{\"name\":\"ts\",\"type\":\"long\"},{\"name\":\"ok\",\"type\":\"boolean\"},"
			+ "{\"name\":\"score\",\"type\":\"double\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"]}]}");

	private static final Schema UNION = parse(
			"[{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]},"
					+ "{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"y\",\"type\":\"string\"}]}]");

	private final String scope = "wire-" + UUID.randomUUID();

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void recordWithIdOneMatchesTheReferenceBytes() {
		byte[] bytes = serializer(Map.of()).serialize("users", user(1, "Ann"));

		assertThat(hex(bytes)).isEqualTo("00 00 00 00 01 02 06 41 6E 6E");
	}

	@Test
	void schemaIdIsWrittenBigEndian() {
		registry().apply(new RegisteredSchema("users-value", 1, 258, USER));

		byte[] bytes = serializer(Map.of()).serialize("users", user(1, "Ann"));

		assertThat(hex(bytes)).startsWith("00 00 00 01 02 ").isEqualTo("00 00 00 01 02 02 06 41 6E 6E");
	}

	@Test
	void primitivesAndNullableUnionMatchTheReferenceBytes() {
		GenericRecord mixed = new GenericData.Record(MIXED);
		mixed.put("delta", -3);
		mixed.put("ts", 300L);
		mixed.put("ok", true);
		mixed.put("score", 1.5);
		mixed.put("note", null);
		AvroSerializer<GenericRecord> serializer = serializer(Map.of());

		assertThat(hex(serializer.serialize("mixed", mixed)))
			.isEqualTo("00 00 00 00 01 05 D8 04 01 00 00 00 00 00 00 F8 3F 00");
		mixed.put("note", "hi");
		assertThat(hex(serializer.serialize("mixed", mixed)))
			.isEqualTo("00 00 00 00 01 05 D8 04 01 00 00 00 00 00 00 F8 3F 02 04 68 69");
	}

	@Test
	void topLevelUnionIsWrittenWithTheSubjectsLatestSchema() {
		registry().register("events-value", UNION);
		GenericRecord b = new GenericData.Record(UNION.getTypes().get(1));
		b.put("y", "zz");

		byte[] bytes = serializer(
				Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, false, SerdeConfig.USE_LATEST_VERSION, true))
			.serialize("events", b);

		assertThat(hex(bytes)).isEqualTo("00 00 00 00 01 02 04 7A 7A");
		GenericRecord read = deserializer().deserialize("events", bytes);
		assertThat(read.getSchema().getName()).isEqualTo("B");
		assertThat(read.get("y")).hasToString("zz");
	}

	@Test
	void referenceBytesReadBackToTheSameRecord() {
		registry().register("users-value", USER);

		GenericRecord read = deserializer().deserialize("users", bytes("00 00 00 00 01 02 06 41 6E 6E"));

		assertThat(read.get("id")).isEqualTo(1);
		assertThat(read.get("name")).hasToString("Ann");
	}

	@Test
	void nullIsATombstoneBothWays() {
		assertThat(serializer(Map.of()).serialize("users", null)).isNull();
		assertThat(deserializer().deserialize("users", null)).isNull();
		assertThat(registry().subjects()).isEmpty();
	}

	@Test
	void magicByteOneIsRefusedNotMisread() {
		byte[] guidFramed = bytes("01 00 00 00 01 02 06 41 6E 6E 00 00 00 00 00 00 00 00 00 00 00");

		assertThatThrownBy(() -> deserializer().deserialize("users", guidFramed))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("magic byte 0x01")
			.hasMessageContaining("users");
	}

	@Test
	void unknownMagicByteIsRefused() {
		assertThatThrownBy(() -> deserializer().deserialize("users", bytes("7B 22 69 64 22 3A 31 7D")))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("unknown magic byte 0x7B");
	}

	@Test
	void frameShorterThanTheHeaderIsRefused() {
		assertThatThrownBy(() -> deserializer().deserialize("users", bytes("00 00 01")))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("3 bytes")
			.hasMessageContaining("at least 5");
	}

	@Test
	void truncatedDatumIsRefused() {
		registry().register("users-value", USER);

		assertThatThrownBy(() -> deserializer().deserialize("users", bytes("00 00 00 00 01 02 06 41")))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("schema id 1")
			.hasMessageContaining("truncated or corrupt");
	}

	@Test
	void bytesLeftAfterTheRecordAreRefused() {
		registry().register("users-value", USER);

		assertThatThrownBy(() -> deserializer().deserialize("users", bytes("00 00 00 00 01 02 06 41 6E 6E 00")))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("bytes remain");
	}

	@Test
	void unknownSchemaIdIsRefused() {
		assertThatThrownBy(() -> deserializer().deserialize("users", bytes("00 00 00 00 2A 02 06 41 6E 6E")))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("schema id 42")
			.hasMessageContaining("not found");
	}

	@Test
	void specificReaderWithoutAGeneratedClassSaysSo() {
		registry().register("users-value", USER);
		AvroDeserializer<Object> specific = new AvroDeserializer<>();
		specific.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + this.scope,
				SerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

		assertThatThrownBy(() -> specific.deserialize("users", bytes("00 00 00 00 01 02 06 41 6E 6E")))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("no generated class for com.example.User");
	}

	@Test
	void lookupWithoutAutoRegisterFailsClearlyWhenTheSchemaIsUnknown() {
		AvroSerializer<GenericRecord> serializer = serializer(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));

		assertThatThrownBy(() -> serializer.serialize("users", user(1, "Ann")))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("users-value")
			.hasMessageContaining("not found");
	}

	@Test
	void nonAvroValuesAreRefused() {
		AvroSerializer<Object> serializer = new AvroSerializer<>();
		serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + this.scope), false);

		assertThatThrownBy(() -> serializer.serialize("users", "plain text")).isInstanceOf(SerializationException.class)
			.hasMessageContaining("java.lang.String");
	}

	private InMemoryRegistry registry() {
		return MockSchemaRegistry.forScope(this.scope);
	}

	private AvroSerializer<GenericRecord> serializer(Map<String, Object> extra) {
		Map<String, Object> config = new java.util.HashMap<>(extra);
		config.put(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + this.scope);
		AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
		serializer.configure(config, false);
		return serializer;
	}

	private AvroDeserializer<GenericRecord> deserializer() {
		AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
		deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + this.scope), false);
		return deserializer;
	}

	private static GenericRecord user(int id, String name) {
		GenericRecord user = new GenericData.Record(USER);
		user.put("id", id);
		user.put("name", name);
		return user;
	}

	private static Schema parse(String json) {
		return new Schema.Parser().parse(json);
	}

	private static String hex(byte[] bytes) {
		return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
	}

	private static byte[] bytes(String hex) {
		return HexFormat.ofDelimiter(" ").parseHex(hex);
	}

}
