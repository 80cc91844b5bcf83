package io.removaltracker.simulator;

import java.util.HashMap;
import java.util.Map;

import io.removaltracker.events.Topics;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.serde.registry.HttpSchemaRegistryClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes to {@code case-intake} as an upstream producer would: key caseId, value the
 * Avro intake event in the Confluent wire format, acknowledged by every in-sync replica.
 * The producer is idempotent, so each case's events stay in order on their partition. An
 * acknowledgement means the broker has the event; case-service's verdict on it is on
 * {@code case-events} or {@code case-intake-rejected}.
 */
public final class KafkaIntakePublisher implements IntakePublisher {

	private final KafkaProducer<String, IntakeEvent> producer;

	private final Tally tally = new Tally();

	private final String description;

	/** A publisher for a broker that asks no credentials. */
	public KafkaIntakePublisher(String bootstrapServers, String registryUrl) {
		this(bootstrapServers, registryUrl, Map.of());
	}

	/**
	 * @param clientProperties the principal's client settings (SASL, TLS, and the
	 * registry's sign-in for the serializer), e.g. from
	 * {@link KafkaCredentials#fromCredentialsFile} for {@code kafka.upstream}
	 */
	public KafkaIntakePublisher(String bootstrapServers, String registryUrl, Map<String, Object> clientProperties) {
		Map<String, Object> config = new HashMap<>(KafkaCredentials.kafkaSettings(clientProperties));
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "simulator");
		this.producer = new KafkaProducer<>(config, Topics.CASE_INTAKE.keySerde().serializer(),
				Topics.CASE_INTAKE.valueSerde(KafkaCredentials.serdeSettings(clientProperties, registryUrl))
					.serializer());
		this.description = "Kafka topic " + Topics.CASE_INTAKE.name() + " at " + bootstrapServers + " (registry "
				+ HttpSchemaRegistryClient.describe(registryUrl) + ")";
	}

	@Override
	public void publish(IntakeEvent event) {
		this.tally.sent();
		this.producer.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), event.getCaseId(), event),
				(metadata, failure) -> {
					if (failure == null) {
						this.tally.accepted("acknowledged");
					}
					else {
						this.tally.failed("not sent", event.getCaseId(), failure.toString());
					}
				});
	}

	@Override
	public void flush() {
		this.producer.flush();
	}

	@Override
	public Tally tally() {
		return this.tally;
	}

	@Override
	public String describe() {
		return this.description;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
