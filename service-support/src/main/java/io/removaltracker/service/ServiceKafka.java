package io.removaltracker.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topic;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The one way a service talks to Kafka. Every setting comes from Spring Boot's own
 * {@code spring.kafka.*} namespace (the project's defaults are in
 * {@code service-defaults.properties}, below anything a deployment sets); the few
 * settings the design depends on are owned here and a contradicting setting stops the
 * start with a message instead of being overridden in silence.
 * <ul>
 * <li>serdes: {@code spring.kafka.properties.*} ({@code schema.registry.url}, as for
 * Confluent's serdes);</li>
 * <li>Kafka Streams: {@code spring.kafka.streams.*}; owned: exactly-once v2 and the
 * handlers for records that cannot be decoded or processed ({@link BadRecords});</li>
 * <li>producers: {@code spring.kafka.producer.*}; owned: {@code acks=all} and
 * idempotence, since an acknowledged write must not be lost or doubled.</li>
 * </ul>
 */
public final class ServiceKafka {

	private static final Map<String, Object> OWNED_STREAMS = Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
			StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
			BadRecords.class.getName(), StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
			BadRecords.class.getName());

	private static final Map<String, Object> OWNED_PRODUCER = Map.of(ProducerConfig.ACKS_CONFIG, "all",
			ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

	private final KafkaProperties kafka;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	private final List<NewTopic> declared = new CopyOnWriteArrayList<>();

	public ServiceKafka(KafkaProperties kafka, MeterRegistry meters, ApplicationEventPublisher events) {
		this.kafka = kafka;
		this.meters = meters;
		this.events = events;
	}

	/** What the Avro serdes are configured with: {@code spring.kafka.properties.*}. */
	public Map<String, Object> serdeConfig() {
		return Map.copyOf(this.kafka.getProperties());
	}

	/** Kafka Streams settings: {@code spring.kafka.streams.*} and the owned ones. */
	public Properties streamsConfig() {
		Properties config = new Properties();
		config.putAll(owning(this.kafka.buildStreamsProperties(), OWNED_STREAMS, "spring.kafka.streams.properties."));
		return config;
	}

	/** Producer settings: {@code spring.kafka.producer.*} and the owned ones. */
	public Map<String, Object> producerConfig() {
		return owning(this.kafka.buildProducerProperties(), OWNED_PRODUCER, "spring.kafka.producer.properties.");
	}

	/** Consumer settings for readers outside any group ({@link PartitionTail}). */
	public Map<String, Object> consumerConfig() {
		return this.kafka.buildConsumerProperties();
	}

	/**
	 * One Kafka Streams topology of this service; it starts when the web server is up.
	 * @param name what the logs call it
	 */
	public StreamsRuntime streams(String name, Supplier<Topology> topology) {
		return new StreamsRuntime(name, topology, streamsConfig(), this.meters).reportingTo(this.events);
	}

	/**
	 * The topics a service reads and writes, as declared in {@code Topics}, and its
	 * dead-letter topic, for Spring's {@link KafkaAdmin} to create before anything
	 * starts. An existing topic is checked against its declaration
	 * ({@link DeclaredTopicsCheck}).
	 */
	public KafkaAdmin.NewTopics topics(Topic<?>... topics) {
		List<NewTopic> declared = new ArrayList<>(Arrays.stream(topics).map(Topic::newTopic).toList());
		deadLetterTopic().ifPresent(declared::add);
		this.declared.addAll(declared);
		return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
	}

	/** Every topic declared through {@link #topics}. */
	public Collection<NewTopic> declaredTopics() {
		return List.copyOf(this.declared);
	}

	/**
	 * Where a stream's records that cannot be decoded or processed are copied
	 * ({@code spring.kafka.streams.properties.errors.dead.letter.queue.topic.name}): one
	 * partition, kept forever, written only by this service.
	 */
	Optional<NewTopic> deadLetterTopic() {
		String name = this.kafka.getStreams()
			.getProperties()
			.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
		if (name == null || name.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new NewTopic(name, Optional.of(1), Optional.empty()).configs(Map.of("retention.ms", "-1")));
	}

	private static Map<String, Object> owning(Map<String, Object> configured, Map<String, Object> owned,
			String prefix) {
		Map<String, Object> config = new HashMap<>(configured);
		owned.forEach((key, value) -> {
			Object set = config.get(key);
			if (set != null && !String.valueOf(set).equals(String.valueOf(value))) {
				throw new IllegalStateException(prefix + key + " is '" + set + "', but this service needs '" + value
						+ "' (see docs/adr/0007-one-way-to-build-a-service.md); remove the setting");
			}
			config.put(key, value);
		});
		return config;
	}

}
