package io.removaltracker.caseservice.intake;

import java.time.Clock;
import java.util.Map;

import io.removaltracker.caseservice.access.SigningKey;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code case-intake} (raw bytes, so a record that does not decode can still be
 * dead-lettered as it came) into the intake processor, and from it to three sinks: the
 * canonical events, the rejected Kafka records, and the verdicts HTTP requests wait for.
 */
public final class IntakeTopology {

	static final String SOURCE = "case-intake-source";

	static final String PROCESSOR = "intake-decisions";

	static final String CANONICAL_SINK = "case-events-sink";

	static final String REJECTED_SINK = "case-intake-rejected-sink";

	static final String OUTCOMES_SINK = "case-intake-outcomes-sink";

	private IntakeTopology() {
	}

	/**
	 * @param serdeConfig serde settings, at least {@code schema.registry.url}
	 * @param signingKey the key every instance shares, to trust the HTTP caller another
	 * instance put on an intake record
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static Topology build(Map<String, ?> serdeConfig, Clock clock, IntakeListener listener,
			SigningKey signingKey) {
		IntakeReporter reporter = new IntakeReporter(signingKey);
		Serde<IntakeEvent> intake = Topics.CASE_INTAKE.valueSerde(serdeConfig);
		Serde<CaseEvent> canonical = Topics.CASE_EVENTS.valueSerde(serdeConfig);
		Serde<IntakeOutcome> outcomes = Topics.CASE_INTAKE_OUTCOMES.valueSerde(serdeConfig);
		Topology topology = new Topology();
		topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.CASE_INTAKE.name());
		topology.addProcessor(PROCESSOR, () -> new IntakeProcessor(intake.deserializer(), clock, listener, reporter),
				SOURCE);
		topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CaseHistoryStore.NAME),
				Serdes.String(), Topics.CASE_EVENTS.storeValueSerde(serdeConfig)), PROCESSOR);
		topology
			.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(IntakeProcessor.EVENT_IDS_STORE),
					Serdes.String(), AcceptedEventIdSerde.create()), PROCESSOR);
		topology.addSink(CANONICAL_SINK, Topics.CASE_EVENTS.name(), Serdes.String().serializer(),
				(Serializer) canonical.serializer(), PROCESSOR);
		topology.addSink(REJECTED_SINK, Topics.CASE_INTAKE_REJECTED.name(), new ByteArraySerializer(),
				(Serializer) new ByteArraySerializer(), PROCESSOR);
		topology.addSink(OUTCOMES_SINK, Topics.CASE_INTAKE_OUTCOMES.name(), Serdes.String().serializer(),
				(Serializer) outcomes.serializer(), PROCESSOR);
		return topology;
	}

}
