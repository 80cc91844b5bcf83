package io.removaltracker.monitoring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Custody;
import io.removaltracker.monitoring.rules.CaseEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes canonical case events to {@code case-events} as case-service would. */
public final class CaseEventPublisher implements AutoCloseable {

	private final KafkaProducer<String, CaseEvent> producer;

	public CaseEventPublisher(String bootstrapServers, String registryUrl) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(),
				Topics.CASE_EVENTS.valueSerde(Map.of("schema.registry.url", registryUrl)).serializer());
	}

	/**
	 * A case opened in the community that then missed a hearing: wanted from sequence 2.
	 */
	public static List<CaseEvent> aNoShow(String caseId) {
		return List.of(CaseEvents.anEvent(caseId, CaseEventType.CASE_OPENED, 1, Custody.IN_COMMUNITY),
				CaseEvents.anEvent(caseId, CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY));
	}

	public void publish(List<CaseEvent> events) {
		try {
			Future<RecordMetadata> last = null;
			for (CaseEvent event : events) {
				last = this.producer.send(new ProducerRecord<>(Topics.CASE_EVENTS.name(), event.getCaseId(), event));
			}
			if (last != null) {
				last.get(30, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish case events", ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
