package io.removaltracker.events;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A topic of the system: its name, how many partitions it has, its settings, and how its
 * keys and values are (de)serialized. Keys are always plain UTF-8 strings
 * ({@code caseId}, or {@code national} on case-stats).
 *
 * @param <V> the value type
 */
public final class Topic<V> {

	private final String name;

	private final int partitions;

	private final Map<String, String> settings;

	private final Class<V> valueType;

	private final Supplier<Serde<V>> valueSerdeFactory;

	Topic(String name, int partitions, Map<String, String> settings, Class<V> valueType,
			Supplier<Serde<V>> valueSerdeFactory) {
		this.name = name;
		this.partitions = partitions;
		this.settings = Map.copyOf(settings);
		this.valueType = valueType;
		this.valueSerdeFactory = valueSerdeFactory;
	}

	public String name() {
		return this.name;
	}

	public int partitions() {
		return this.partitions;
	}

	/** Topic-level settings such as {@code cleanup.policy} and {@code retention.ms}. */
	public Map<String, String> settings() {
		return this.settings;
	}

	public Class<V> valueType() {
		return this.valueType;
	}

	public Serde<String> keySerde() {
		return Serdes.String();
	}

	/**
	 * A new value serde configured with the given serde properties (for Avro topics at
	 * least {@code schema.registry.url}). A new instance each call: serdes hold caches
	 * and settings, so none is shared by accident.
	 */
	public Serde<V> valueSerde(Map<String, ?> serdeConfig) {
		Serde<V> serde = this.valueSerdeFactory.get();
		serde.configure(serdeConfig, false);
		return serde;
	}

	/**
	 * A serde for a state store that keeps this topic's values: it writes and reads them
	 * as values of this topic, under {@link #valueSubject()}, whatever the store's
	 * changelog topic is called. The registry then needs no subject per store, and a
	 * service that may not register schemas ({@code auto.register.schemas=false}) finds
	 * the one the deploy step registered. Records already in a changelog under another
	 * subject stay readable: a frame names its schema by a registry-wide id.
	 */
	public Serde<V> storeValueSerde(Map<String, ?> serdeConfig) {
		Serde<V> values = valueSerde(serdeConfig);
		Serializer<V> serializer = values.serializer();
		Deserializer<V> deserializer = values.deserializer();
		return Serdes.serdeFrom((changelog, value) -> serializer.serialize(this.name, value),
				(changelog, bytes) -> deserializer.deserialize(this.name, bytes));
	}

	/** The value's Avro schema, or empty for a topic of raw bytes. */
	public Optional<Schema> valueSchema() {
		if (!org.apache.avro.specific.SpecificRecord.class.isAssignableFrom(this.valueType)) {
			return Optional.empty();
		}
		return Optional.of(SpecificData.get().getSchema(this.valueType));
	}

	/** The registry subject of the value schema (Confluent's topic-name strategy). */
	public String valueSubject() {
		return this.name + "-value";
	}

	/**
	 * The topic to create, with the broker's default replication factor: how many copies
	 * a topic keeps is a property of the cluster, not of the code.
	 */
	public NewTopic newTopic() {
		return new NewTopic(this.name, Optional.of(this.partitions), Optional.empty()).configs(this.settings);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
