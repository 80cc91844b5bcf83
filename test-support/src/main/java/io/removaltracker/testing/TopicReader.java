package io.removaltracker.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import static org.awaitility.Awaitility.await;

/**
 * Reads a whole topic from the start, committed records only, as a downstream consumer
 * would.
 */
public final class TopicReader {

	private TopicReader() {
	}

	/**
	 * Every committed record of the topic that matches, once at least {@code expected}
	 * do.
	 */
	public static <K, V> List<ConsumerRecord<K, V>> readUntil(String bootstrap, String topic, Deserializer<K> keys,
			Deserializer<V> values, Predicate<ConsumerRecord<K, V>> matching, int expected) {
		return readUntil(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, keys, values, matching,
				expected);
	}

	/**
	 * The same, for a broker that asks for credentials.
	 * @param clientProperties the bootstrap servers and the reader's settings (SASL...)
	 */
	public static <K, V> List<ConsumerRecord<K, V>> readUntil(Map<String, Object> clientProperties, String topic,
			Deserializer<K> keys, Deserializer<V> values, Predicate<ConsumerRecord<K, V>> matching, int expected) {
		Map<String, Object> config = new HashMap<>(clientProperties);
		// A principal's settings may carry its schema registry sign-in: not for Kafka.
		config.keySet().removeIf((key) -> key.startsWith("basic.auth.") || key.equals("auto.register.schemas"));
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<K, V>> found = new ArrayList<>();
		try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
					if (matching.test(record)) {
						found.add(record);
					}
				}
				return found.size() >= expected;
			});
			// Anything committed a moment later would be a duplicate: read on briefly to
			// catch it.
			for (int i = 0; i < 3; i++) {
				for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
					if (matching.test(record)) {
						found.add(record);
					}
				}
			}
		}
		return found;
	}

}
