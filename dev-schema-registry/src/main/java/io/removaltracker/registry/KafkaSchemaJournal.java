package io.removaltracker.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.removaltracker.serde.registry.CompatibilityLevel;
import io.removaltracker.serde.registry.InMemoryRegistry;
import io.removaltracker.serde.registry.RegisteredSchema;
import io.removaltracker.serde.registry.RegistryJournal;
import io.removaltracker.serde.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry's changes in a compacted Kafka topic. Each schema version and each
 * compatibility setting is one record with its own key, so compaction keeps exactly what
 * is needed to rebuild the registry, and ids and versions come back the same after a
 * restart.
 */
final class KafkaSchemaJournal implements RegistryJournal, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaSchemaJournal.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final long WRITE_TIMEOUT_SECONDS = 30;

	private final String topic;

	private final KafkaProducer<String, String> producer;

	KafkaSchemaJournal(String topic, KafkaProducer<String, String> producer) {
		this.topic = topic;
		this.producer = producer;
	}

	@Override
	public void schemaRegistered(RegisteredSchema registered) {
		ObjectNode key = JSON.createObjectNode()
			.put("keytype", "SCHEMA")
			.put("subject", registered.subject())
			.put("version", registered.version());
		ObjectNode value = JSON.createObjectNode()
			.put("subject", registered.subject())
			.put("version", registered.version())
			.put("id", registered.id())
			.put("schema", registered.schema().toString());
		write(key, value);
	}

	@Override
	public void compatibilitySet(String subject, CompatibilityLevel level) {
		ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject);
		write(key, JSON.createObjectNode().put("compatibilityLevel", level.name()));
	}

	/**
	 * Waits for the broker's acknowledgement: a change is applied only once it is
	 * durable.
	 */
	private void write(ObjectNode key, ObjectNode value) {
		try {
			this.producer.send(new ProducerRecord<>(this.topic, key.toString(), value.toString()))
				.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw storeError(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw storeError(ex);
		}
	}

	private SchemaRegistryException storeError(Exception ex) {
		return new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
				"Error while writing to the schema store topic '" + this.topic + "': " + ex, ex);
	}

	/**
	 * Reads the topic from the beginning to its current end into the registry. Returns
	 * the number of records applied.
	 */
	static int replay(String topic, KafkaConsumer<String, String> consumer, InMemoryRegistry registry,
			Duration timeout) {
		List<TopicPartition> partitions = new ArrayList<>();
		consumer.partitionsFor(topic, timeout)
			.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
		int applied = 0;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!caughtUp(consumer, end)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Timed out reading schema store topic '" + topic + "' after " + timeout);
			}
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				if (applyRecord(record, registry)) {
					applied++;
				}
			}
		}
		return applied;
	}

	private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((e) -> consumer.position(e.getKey()) >= e.getValue());
	}

	private static boolean applyRecord(ConsumerRecord<String, String> record, InMemoryRegistry registry) {
		if (record.key() == null || record.value() == null) {
			return false;
		}
		try {
			JsonNode key = JSON.readTree(record.key());
			JsonNode value = JSON.readTree(record.value());
			switch (key.path("keytype").asText()) {
				case "SCHEMA" ->
					registry.apply(new RegisteredSchema(value.get("subject").asText(), value.get("version").asInt(),
							value.get("id").asInt(), new Schema.Parser().parse(value.get("schema").asText())));
				case "CONFIG" ->
					registry.applyCompatibility(key.path("subject").isNull() ? null : key.path("subject").asText(null),
							CompatibilityLevel.parse(value.get("compatibilityLevel").asText()));
				default -> {
					log.warn("Skipping record at offset {} of {}: unknown key type", record.offset(), record.topic());
					return false;
				}
			}
			return true;
		}
		catch (JsonProcessingException | RuntimeException ex) {
			// One unreadable record must not keep the registry from starting with the
			// rest.
			log.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), record.topic(),
					ex.getMessage());
			return false;
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
