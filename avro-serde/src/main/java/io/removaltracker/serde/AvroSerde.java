package io.removaltracker.serde;

import java.util.HashMap;
import java.util.Map;

import io.removaltracker.serde.registry.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serializer and deserializer as one Kafka Streams serde. Use {@link #specific()} for
 * generated classes and {@link #generic()} for {@code GenericRecord}s; each call makes a
 * new instance to configure, so no serde is shared by accident.
 */
public final class AvroSerde<T> implements Serde<T> {

	private final AvroSerializer<T> serializer;

	private final AvroDeserializer<T> deserializer;

	private final boolean specific;

	private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer, boolean specific) {
		this.serializer = serializer;
		this.deserializer = deserializer;
		this.specific = specific;
	}

	/**
	 * Reads into generated classes ({@code specific.avro.reader=true} whatever is
	 * configured).
	 */
	public static <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> specific() {
		return new AvroSerde<>(new AvroSerializer<>(), new AvroDeserializer<>(), true);
	}

	/**
	 * Reads into the given generated class only: a value written with another record's
	 * schema is refused with a {@code SerializationException} naming both.
	 */
	public static <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> specific(Class<T> type) {
		return new AvroSerde<>(new AvroSerializer<>(), new AvroDeserializer<>(null, type), true);
	}

	/** Reads generic records in the writer's schema. */
	public static AvroSerde<org.apache.avro.generic.GenericRecord> generic() {
		return new AvroSerde<>(new AvroSerializer<>(), new AvroDeserializer<>(), false);
	}

	/** A specific serde on a given registry client. */
	public static <T extends org.apache.avro.specific.SpecificRecord> AvroSerde<T> specific(
			SchemaRegistryClient registry) {
		return new AvroSerde<>(new AvroSerializer<>(registry), new AvroDeserializer<>(registry), true);
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		Map<String, Object> effective = new HashMap<>(configs);
		effective.put(SerdeConfig.SPECIFIC_AVRO_READER, this.specific);
		this.serializer.configure(effective, isKey);
		this.deserializer.configure(effective, isKey);
	}

	@Override
	public Serializer<T> serializer() {
		return this.serializer;
	}

	@Override
	public Deserializer<T> deserializer() {
		return this.deserializer;
	}

}
