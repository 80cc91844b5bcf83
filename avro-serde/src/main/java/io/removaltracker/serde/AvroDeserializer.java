package io.removaltracker.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.removaltracker.serde.registry.SchemaRegistryClient;
import io.removaltracker.serde.registry.SchemaRegistryException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro values. The writer schema comes from the registry by
 * the id in the frame; with {@code specific.avro.reader=true} the value is resolved into
 * the generated class of the same name (reading older versions by Avro's
 * schema-resolution rules), otherwise it is a generic record in the writer's schema. A
 * frame or datum that does not decode exactly is refused with a
 * {@link SerializationException} naming the topic and what is wrong; nothing is guessed.
 * Given the record type a topic carries, a value written with another record's schema,
 * registered or not, is refused naming both records, instead of reaching the caller as a
 * value of the wrong class.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

	private SchemaRegistryClient registry;

	private SerdeConfig config;

	/** The record type the topic carries, or null when any record is accepted. */
	private final Schema expected;

	private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

	public AvroDeserializer() {
		this(null, null);
	}

	public AvroDeserializer(SchemaRegistryClient registry) {
		this(registry, null);
	}

	/**
	 * @param registry the registry client, or null for the one the configuration names
	 * @param expected the generated record class the topic carries, or null for any
	 */
	public AvroDeserializer(SchemaRegistryClient registry, Class<? extends T> expected) {
		this.registry = registry;
		this.expected = (expected != null) ? SpecificData.get().getSchema(expected) : null;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.config = SerdeConfig.from(configs);
		if (this.registry == null) {
			this.registry = this.config.createClient();
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public T deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		if (this.config == null) {
			throw new IllegalStateException("AvroDeserializer used before configure(); set schema.registry.url");
		}
		int schemaId = WireFormat.schemaId(topic, data);
		DatumReader<Object> reader = this.readers.get(schemaId);
		if (reader == null) {
			reader = this.readers.computeIfAbsent(schemaId, (id) -> readerFor(topic, id));
		}
		BinaryDecoder decoder = DecoderFactory.get()
			.binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
		Object value;
		try {
			value = reader.read(null, decoder);
			if (!decoder.isEnd()) {
				throw new SerializationException("Cannot decode a value from topic '" + topic + "' with schema id "
						+ schemaId + ": bytes remain after the record; the value was not written with this schema");
			}
		}
		catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException ex) {
			throw new SerializationException("Cannot decode a value of " + data.length + " bytes from topic '" + topic
					+ "' with schema id " + schemaId + ": the datum is truncated or corrupt (" + ex + ")", ex);
		}
		return (T) value;
	}

	private DatumReader<Object> readerFor(String topic, int schemaId) {
		Schema writer;
		try {
			writer = this.registry.schemaById(schemaId);
		}
		catch (SchemaRegistryException ex) {
			if (ex.isTransient()) {
				throw new RegistryUnavailableException("Cannot decode a value from topic '" + topic
						+ "' now: the registry did not give schema id " + schemaId + " - " + ex.getMessage(), ex);
			}
			throw new SerializationException(
					"Cannot decode a value from topic '" + topic + "': schema id " + schemaId + " - " + ex.getMessage(),
					ex);
		}
		if (this.expected != null) {
			return expectedReader(topic, schemaId, writer);
		}
		if (!this.config.specificAvroReader()) {
			return new GenericDatumReader<>(writer);
		}
		Class<?> generated = SpecificData.get().getClass(writer);
		if (generated == null) {
			throw new SerializationException("Cannot decode a value from topic '" + topic + "' as a specific record: no"
					+ " generated class for " + writer.getFullName() + " (schema id " + schemaId
					+ ") is on the classpath; set specific.avro.reader=false to read it as a generic record");
		}
		return new SpecificDatumReader<>(writer, SpecificData.get().getSchema(generated));
	}

	/**
	 * A reader into the expected record, once the writer is known to be that record (by
	 * its full name or one of the expected record's aliases). Another record's schema is
	 * refused here: read into its own generated class, it would reach the caller as a
	 * value of the wrong class and fail there as a bare class cast.
	 */
	private DatumReader<Object> expectedReader(String topic, int schemaId, Schema writer) {
		String found = writer.getFullName();
		if (!found.equals(this.expected.getFullName()) && !this.expected.getAliases().contains(found)) {
			throw new SerializationException("Cannot decode a value from topic '" + topic + "': expected record "
					+ this.expected.getFullName() + ", found " + found + " (schema id " + schemaId + ")");
		}
		if (!this.config.specificAvroReader()) {
			return new GenericDatumReader<>(writer, this.expected);
		}
		return new SpecificDatumReader<>(writer, this.expected);
	}

}
