package io.removaltracker.monitoring.flags;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import io.removaltracker.monitoring.rules.CaseHistory;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import io.removaltracker.service.BadRecords;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.removaltracker.monitoring.rules.CaseEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** case-events in, wanted-flags out, and the global wanted list, with the test driver. */
class WantedTopologyTest {

	private final String scope = "wanted-topology-" + UUID.randomUUID();

	private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + this.scope);

	private static final String DEAD_LETTERS = "monitoring-service-dead-letters";

	private TopologyTestDriver driver;

	private TestInputTopic<String, CaseEvent> caseEvents;

	private TestOutputTopic<String, WantedFlagEvent> flags;

	@BeforeEach
	void start() {
		Properties props = new Properties();
		props.put(StreamsConfig.APPLICATION_ID_CONFIG, "monitoring-test");
		props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, BadRecords.class);
		props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, BadRecords.class);
		props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
		this.driver = new TopologyTestDriver(WantedTopology.build(this.serdeConfig, WantedListener.NONE), props);
		this.caseEvents = this.driver.createInputTopic(Topics.CASE_EVENTS.name(), new StringSerializer(),
				Topics.CASE_EVENTS.valueSerde(this.serdeConfig).serializer());
		this.flags = this.driver.createOutputTopic(Topics.WANTED_FLAGS.name(), new StringDeserializer(),
				Topics.WANTED_FLAGS.valueSerde(this.serdeConfig).deserializer());
	}

	@AfterEach
	void stop() {
		this.driver.close();
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void missRaisesArrestClearsAndTheListFollows() {
		CaseEvent missed = anEvent("C-1", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY);
		pipe(anEvent("C-1", CaseEventType.CASE_OPENED, 1, Custody.IN_COMMUNITY), missed,
				anEvent("C-1", CaseEventType.HEARING_MISSED, 3, Custody.IN_COMMUNITY));

		assertThat(this.flags.readValuesToList()).singleElement().satisfies((flag) -> {
			assertThat(flag.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_RAISED);
			assertThat(flag.getWantedSince()).isEqualTo(missed.getOccurredAt());
			assertThat(flag.getCaseSequence()).isEqualTo(2);
		});
		assertThat(WantedList.isWanted(wantedList().get("C-1"))).isTrue();

		pipe(anEvent("C-1", CaseEventType.ARRESTED, 4, Custody.DETAINED));

		assertThat(this.flags.readValuesToList()).singleElement().satisfies((flag) -> {
			assertThat(flag.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_CLEARED);
			assertThat(flag.getClearReason()).isEqualTo(ClearReason.LOCATED);
			assertThat(flag.getWantedSince()).isEqualTo(missed.getOccurredAt());
		});
		assertThat(WantedList.isWanted(wantedList().get("C-1"))).isFalse();
	}

	@Test
	void missWhileInCustodyRaisesNothing() {
		pipe(anEvent("C-2", CaseEventType.CASE_OPENED, 1, Custody.DETAINED),
				anEvent("C-2", CaseEventType.HEARING_MISSED, 2, Custody.DETAINED),
				anEvent("C-2", CaseEventType.CASE_CLOSED, 3, Custody.DETAINED));

		assertThat(this.flags.isEmpty()).isTrue();
	}

	@Test
	void replayedOrRedeliveredEventsRaiseNothingTwice() {
		List<CaseEvent> history = List.of(anEvent("C-3", CaseEventType.CASE_OPENED, 1, Custody.IN_COMMUNITY),
				anEvent("C-3", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY),
				anEvent("C-3", CaseEventType.REMOVED, 3, Custody.IN_COMMUNITY));

		history.forEach(this::pipe);
		history.forEach(this::pipe);
		pipe(history.get(1));

		assertThat(this.flags.readValuesToList()).extracting(WantedFlagEvent::getType)
			.containsExactly(WantedFlagEventType.WANTED_FLAG_RAISED, WantedFlagEventType.WANTED_FLAG_CLEARED);
	}

	@Test
	void eachEnforcementChangeUpdatesTheFlagOnceAcrossReplays() {
		List<CaseEvent> history = CaseHistory
			.openedInCommunity("C-7", Criminality.SERIOUS, Instant.parse("2022-01-04T09:00:00Z"))
			.assignedTo("GTA-EAST-2", Instant.parse("2022-01-05T09:00:00Z"))
			.missedHearing(Instant.parse("2022-02-01T09:00:00Z"))
			.nationalityEstablished("HTI", Instant.parse("2022-03-01T09:00:00Z"))
			.attendedHearing(Instant.parse("2022-03-02T09:00:00Z"))
			.reviewed(Instant.parse("2022-12-01T09:00:00Z"))
			.reviewed(Instant.parse("2022-11-01T09:00:00Z"))
			.assignedTo("GTA-WEST-1", Instant.parse("2023-01-05T09:00:00Z"))
			.events();

		pipe(history.subList(0, 4).toArray(CaseEvent[]::new));

		assertThat(this.flags.readValuesToList()).extracting(WantedFlagEvent::getType)
			.containsExactly(WantedFlagEventType.WANTED_FLAG_RAISED, WantedFlagEventType.WANTED_FLAG_UPDATED);
		assertThat(wantedList().get("C-7")).satisfies((flag) -> {
			assertThat(WantedList.isWanted(flag)).isTrue();
			assertThat(flag.getNationality()).isEqualTo("HTI");
			assertThat(flag.getTeam()).isEqualTo("GTA-EAST-2");
		});

		history.forEach(this::pipe);
		history.forEach(this::pipe);

		assertThat(this.flags.readValuesToList()).satisfiesExactly((reviewed) -> {
			assertThat(reviewed.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_UPDATED);
			assertThat(reviewed.getCaseSequence()).isEqualTo(6);
			assertThat(reviewed.getReviewDue()).isEqualTo("2023-12-01T09:00:00Z");
		}, (reassigned) -> {
			assertThat(reassigned.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_UPDATED);
			assertThat(reassigned.getCaseSequence()).isEqualTo(8);
			assertThat(reassigned.getTeam()).isEqualTo("GTA-WEST-1");
			assertThat(reassigned.getNationality()).isEqualTo("HTI");
			assertThat(reassigned.getReviewDue()).isEqualTo("2023-12-01T09:00:00Z");
			assertThat(reassigned.getWantedSince()).isEqualTo("2022-02-01T09:00:00Z");
		});
		assertThat(WantedList.isWanted(wantedList().get("C-7"))).isTrue();
	}

	@Test
	void aReviewOfOneSpellDoesNotCarryIntoTheNext() {
		CaseHistory history = CaseHistory
			.openedInCommunity("C-8", Criminality.CRIMINAL, Instant.parse("2022-01-04T09:00:00Z"))
			.missedHearing(Instant.parse("2022-02-01T09:00:00Z"))
			.reviewed(Instant.parse("2022-06-01T09:00:00Z"))
			.arrested(Instant.parse("2022-07-01T09:00:00Z"))
			.releasedOnConditions(Instant.parse("2022-08-01T09:00:00Z"))
			// Reported late: the new spell began before the old spell's review.
			.missedHearing(Instant.parse("2022-05-01T09:00:00Z"))
			.attendedHearing(Instant.parse("2022-08-02T09:00:00Z"));

		pipe(history.events().toArray(CaseEvent[]::new));

		assertThat(this.flags.readValuesToList()).extracting(WantedFlagEvent::getType, WantedFlagEvent::getReviewDue)
			.containsExactly(tuple(WantedFlagEventType.WANTED_FLAG_RAISED, Instant.parse("2023-02-01T09:00:00Z")),
					tuple(WantedFlagEventType.WANTED_FLAG_UPDATED, Instant.parse("2023-06-01T09:00:00Z")),
					tuple(WantedFlagEventType.WANTED_FLAG_CLEARED, Instant.parse("2023-06-01T09:00:00Z")),
					tuple(WantedFlagEventType.WANTED_FLAG_RAISED, Instant.parse("2023-05-01T09:00:00Z")));
		assertThat(this.driver.<String, Long>getKeyValueStore(WantedProcessor.LATEST_REVIEW_STORE).get("C-8")).isNull();
	}

	@Test
	void undecodableRecordIsSkippedAndTheNextOneProcessed() {
		TestInputTopic<String, byte[]> raw = this.driver.createInputTopic(Topics.CASE_EVENTS.name(),
				new StringSerializer(), new ByteArraySerializer());
		raw.pipeInput("C-4", "not avro".getBytes(StandardCharsets.UTF_8));
		pipe(anEvent("C-4", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY));

		assertThat(this.flags.readValuesToList()).hasSize(1);
	}

	@Test
	void poisonEventIsDeadLetteredWithItsReasonAndTheNextOneProcessed() {
		// A valid frame whose content breaks the rule: a missed hearing carrying another
		// type's payload.
		CaseEvent poison = anEvent("C-5", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY);
		poison.setPayload(anEvent("C-5", CaseEventType.HEARING_ATTENDED, 2, Custody.IN_COMMUNITY).getPayload());
		TestOutputTopic<byte[], byte[]> deadLetters = this.driver.createOutputTopic(DEAD_LETTERS,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());

		pipe(poison, anEvent("C-6", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY));

		assertThat(this.flags.readValuesToList()).singleElement()
			.satisfies((flag) -> assertThat(flag.getCaseId()).isEqualTo("C-6"));
		assertThat(deadLetters.readRecordsToList()).singleElement().satisfies((letter) -> {
			assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("C-5");
			assertThat(header(letter.headers(), BadRecords.REASON_HEADER)).isEqualTo("processing-failed");
			assertThat(header(letter.headers(), BadRecords.DETAIL_HEADER)).contains("HEARING_MISSED carrying");
			assertThat(header(letter.headers(), "original-topic")).isEqualTo(Topics.CASE_EVENTS.name());
		});
	}

	private static String header(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private void pipe(CaseEvent... events) {
		for (CaseEvent event : events) {
			this.caseEvents.pipeInput(event.getCaseId(), event);
		}
	}

	private KeyValueStore<String, WantedFlagEvent> wantedList() {
		return this.driver.getKeyValueStore(WantedTopology.WANTED_LIST_STORE);
	}

}
