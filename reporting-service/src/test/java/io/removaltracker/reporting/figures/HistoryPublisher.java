package io.removaltracker.reporting.figures;

import java.util.List;
import java.util.Map;

import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.wanted.WantedFlagEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes histories to {@code case-events} and {@code wanted-flags} as case-service and
 * monitoring-service would, each case in order, acknowledged by the broker on return.
 */
public final class HistoryPublisher {

	private HistoryPublisher() {
	}

	public static void publish(String bootstrapServers, String registryUrl, List<RandomHistories.History> histories) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all");
		Map<String, Object> serde = Map.of("schema.registry.url", registryUrl);
		try (KafkaProducer<String, CaseEvent> events = new KafkaProducer<>(config, new StringSerializer(),
				Topics.CASE_EVENTS.valueSerde(serde).serializer());
				KafkaProducer<String, WantedFlagEvent> flags = new KafkaProducer<>(config, new StringSerializer(),
						Topics.WANTED_FLAGS.valueSerde(serde).serializer())) {
			for (RandomHistories.History history : histories) {
				history.events()
					.forEach((event) -> events
						.send(new ProducerRecord<>(Topics.CASE_EVENTS.name(), event.getCaseId(), event)));
				history.flags()
					.forEach((flag) -> flags
						.send(new ProducerRecord<>(Topics.WANTED_FLAGS.name(), flag.getCaseId(), flag)));
			}
			events.flush();
			flags.flush();
		}
	}

}
