package io.removaltracker.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.removaltracker.events.audit.AccessAction;
import io.removaltracker.events.audit.CaseAccessed;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.serde.AvroSerde;
import io.removaltracker.serde.WireFormat;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type through the topic's own serde and back, unchanged. */
class EventRoundTripTest {

	private final String scope = "round-trip-" + UUID.randomUUID();

	private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + this.scope);

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void everyIntakeTypeRoundTripsOnCaseIntake() {
		assertRoundTrips(Topics.CASE_INTAKE, SampleEvents.everyIntakeType());
	}

	@Test
	void everyCanonicalTypeRoundTripsOnCaseEvents() {
		assertRoundTrips(Topics.CASE_EVENTS, SampleEvents.everyCanonicalType());
	}

	@Test
	void raisedUpdatedAndClearedFlagsRoundTripOnWantedFlags() {
		assertRoundTrips(Topics.WANTED_FLAGS, SampleEvents.raisedUpdatedAndCleared());
	}

	@Test
	void canonicalEventsRoundTripWithTheirReporter() {
		List<CaseEvent> reported = SampleEvents.everyCanonicalType();
		reported.get(0).setReportedBy("intake-portal");
		reported.get(1).setReportedBy("kafka:hearing-scheduler");

		assertRoundTrips(Topics.CASE_EVENTS, reported.subList(0, 2));
	}

	@Test
	void caseReadsRoundTripOnAccessAudit() {
		assertRoundTrips(Topics.ACCESS_AUDIT,
				List.of(new CaseAccessed("officer-console", AccessAction.READ_CASE, "C-2021-0001",
						SampleEvents.OCCURRED, true),
						new CaseAccessed("officer-console", AccessAction.READ_CASE_EVENTS, "C-2021-0404",
								SampleEvents.OCCURRED, false)));
	}

	@Test
	void statsSnapshotRoundTripsOnCaseStats() {
		assertRoundTrips(Topics.CASE_STATS, List.of(SampleEvents.nationalSnapshot()));
	}

	@Test
	void everyTypeOnATopicSharesTheTopicsOneSchemaId() {
		Serde<IntakeEvent> serde = Topics.CASE_INTAKE.valueSerde(this.serdeConfig);

		List<Integer> ids = SampleEvents.everyIntakeType()
			.stream()
			.map((event) -> WireFormat.schemaId("case-intake", serde.serializer().serialize("case-intake", event)))
			.distinct()
			.toList();

		assertThat(ids).hasSize(1);
		assertThat(MockSchemaRegistry.forScope(this.scope).subjects()).containsExactly("case-intake-value");
	}

	@Test
	void genericConsumersReadCanonicalEventsWithoutGeneratedClasses() {
		CaseEvent opened = SampleEvents.everyCanonicalType().get(0);
		byte[] bytes = Topics.CASE_EVENTS.valueSerde(this.serdeConfig).serializer().serialize("case-events", opened);
		AvroSerde<GenericRecord> generic = AvroSerde.generic();
		generic.configure(this.serdeConfig, false);

		GenericRecord read = generic.deserializer().deserialize("case-events", bytes);

		assertThat(read.get("type")).hasToString("CASE_OPENED");
		assertThat(((GenericRecord) read.get("case")).get("nationality")).hasToString("STATELESS");
		assertThat(((GenericRecord) read.get("payload")).getSchema().getName()).isEqualTo("CaseOpened");
	}

	private <V> void assertRoundTrips(Topic<V> topic, List<V> events) {
		Serde<V> serde = topic.valueSerde(this.serdeConfig);
		for (V event : events) {
			byte[] bytes = serde.serializer().serialize(topic.name(), event);
			assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
			assertThat(serde.deserializer().deserialize(topic.name(), bytes)).isEqualTo(event);
		}
	}

}
