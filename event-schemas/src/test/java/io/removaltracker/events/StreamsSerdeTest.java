package io.removaltracker.events;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topic serdes inside a Kafka Streams topology: read one topic's type, write
 * another's.
 */
class StreamsSerdeTest {

	private final String scope = "streams-" + UUID.randomUUID();

	private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + this.scope);

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void canonicalEventsAreReadAndFlagsWrittenThroughTheTopicSerdes() {
		StreamsBuilder builder = new StreamsBuilder();
		builder
			.stream(Topics.CASE_EVENTS.name(),
					Consumed.with(Topics.CASE_EVENTS.keySerde(), Topics.CASE_EVENTS.valueSerde(this.serdeConfig)))
			.filter((caseId, event) -> event.getType() == CaseEventType.HEARING_MISSED)
			.mapValues(StreamsSerdeTest::raisedBy)
			.to(Topics.WANTED_FLAGS.name(),
					Produced.with(Topics.WANTED_FLAGS.keySerde(), Topics.WANTED_FLAGS.valueSerde(this.serdeConfig)));
		Properties props = new Properties();
		props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-serde-test");
		props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

		try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
			TestInputTopic<String, CaseEvent> caseEvents = driver.createInputTopic(Topics.CASE_EVENTS.name(),
					Topics.CASE_EVENTS.keySerde().serializer(),
					Topics.CASE_EVENTS.valueSerde(this.serdeConfig).serializer());
			TestOutputTopic<String, WantedFlagEvent> flags = driver.createOutputTopic(Topics.WANTED_FLAGS.name(),
					Topics.WANTED_FLAGS.keySerde().deserializer(),
					Topics.WANTED_FLAGS.valueSerde(this.serdeConfig).deserializer());

			SampleEvents.everyCanonicalType().forEach((event) -> caseEvents.pipeInput(event.getCaseId(), event));

			List<WantedFlagEvent> raised = flags.readValuesToList();
			assertThat(raised).singleElement().satisfies((flag) -> {
				assertThat(flag.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_RAISED);
				assertThat(flag.getReason()).isEqualTo(HearingType.REPORTING);
				assertThat(flag.getCaseSequence()).isEqualTo(4);
			});
		}
		assertThat(MockSchemaRegistry.forScope(this.scope).subjects()).containsExactly("case-events-value",
				"wanted-flags-value");
	}

	private static WantedFlagEvent raisedBy(CaseEvent missed) {
		return WantedFlagEvent.newBuilder()
			.setCaseId(missed.getCaseId())
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(missed.getOccurredAt())
			.setReason(((io.removaltracker.events.cases.HearingMissed) missed.getPayload()).getHearingType())
			.setCriminality(missed.getCase$().getCriminality())
			.setNationality(missed.getCase$().getNationality())
			.setRegion(missed.getCase$().getRegion())
			.setCaseSequence(missed.getSequence())
			.build();
	}

}
