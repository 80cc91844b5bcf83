package io.removaltracker.serde;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.removaltracker.serde.registry.InMemoryRegistry;
import io.removaltracker.serde.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvroSerializerTest {

	private static final Schema NOTE = new Schema.Parser()
		.parse("{\"type\":\"record\",\"name\":\"Note\",\"fields\":[{\"name\":\"text\",\"type\":\"string\"}]}");

	private final InMemoryRegistry registry = new InMemoryRegistry();

	private final List<String> registrations = new ArrayList<>();

	@Test
	void registryIsAskedOncePerSubjectAndSchema() {
		AvroSerializer<GenericRecord> serializer = serializer();

		for (int i = 0; i < 100; i++) {
			serializer.serialize("notes", note("n" + i));
		}

		assertThat(this.registrations).containsExactly("notes-value");
	}

	@Test
	void theSameRecordTypeOnTwoTopicsGoesUnderTwoSubjects() {
		AvroSerializer<GenericRecord> serializer = serializer();

		serializer.serialize("notes", note("a"));
		serializer.serialize("archive", note("b"));
		serializer.serialize("notes", note("c"));

		assertThat(this.registry.subjects()).containsExactly("archive-value", "notes-value");
		assertThat(this.registrations).containsExactly("notes-value", "archive-value");
	}

	@Test
	void keysGoUnderTheKeySubject() {
		AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(counting());
		serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"), true);

		serializer.serialize("notes", note("k"));

		assertThat(this.registry.subjects()).containsExactly("notes-key");
	}

	private AvroSerializer<GenericRecord> serializer() {
		AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(counting());
		serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"), false);
		return serializer;
	}

	/** The in-memory registry, noting each registration the serializer asks for. */
	private SchemaRegistryClient counting() {
		return (SchemaRegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { SchemaRegistryClient.class }, (proxy, method, args) -> {
					if (method.getName().equals("register")) {
						this.registrations.add((String) args[0]);
					}
					return method.invoke(this.registry, args);
				});
	}

	private static GenericRecord note(String text) {
		GenericRecord note = new GenericData.Record(NOTE);
		note.put("text", text);
		return note;
	}

}
