package io.removaltracker.monitoring.flags;

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
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.removaltracker.monitoring.rules.CaseEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The global table and the index beside it: rebuilt from the table as Kafka Streams
 * restored it, then changed together record by record.
 */
class WantedListUpdaterTest {

	private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

	private static final WantedList.Query ALL = new WantedList.Query(null, null, null, null, null, false, false,
			WantedList.Order.OLDEST_FIRST, 0, 1000);

	private final String scope = "wanted-list-updater-" + UUID.randomUUID();

	private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + this.scope);

	@AfterEach
	void dropRegistry() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void openingTheTableRebuildsTheIndexFromWhatTheTableHolds() {
		MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
		TimestampedKeyValueStore<String, WantedFlagEvent> table = table(context);
		// As a restore that wrote the topic straight into the store would leave it.
		table.put("C-1", ValueAndTimestamp.make(raised("C-1", "2023-01-01T00:00:00Z"), 1));
		table.put("C-2", ValueAndTimestamp.make(raised("C-2", "2022-01-01T00:00:00Z"), 2));
		table.put("C-3", ValueAndTimestamp.make(cleared(raised("C-3", "2021-01-01T00:00:00Z")), 3));
		WantedIndex index = new WantedIndex();
		index.changed("C-gone", raised("C-gone", "2020-01-01T00:00:00Z"));

		new WantedListUpdater(index).init(context);

		assertThat(caseIds(index)).containsExactly("C-2", "C-1");
		assertThat(index.wantedNow()).isEqualTo(2);
	}

	@Test
	void eachRecordChangesTableAndIndexTogether() {
		MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
		TimestampedKeyValueStore<String, WantedFlagEvent> table = table(context);
		WantedIndex index = new WantedIndex();
		WantedListUpdater updater = new WantedListUpdater(index);
		updater.init(context);

		updater.process(new Record<>("C-1", raised("C-1", "2023-01-01T00:00:00Z"), 10));
		updater.process(new Record<>("C-2", raised("C-2", "2022-01-01T00:00:00Z"), 11));
		assertThat(caseIds(index)).containsExactly("C-2", "C-1");

		updater.process(new Record<>("C-2", cleared(raised("C-2", "2022-01-01T00:00:00Z")), 12));
		updater.process(new Record<String, WantedFlagEvent>("C-1", null, 13));

		assertThat(caseIds(index)).isEmpty();
		assertThat(table.get("C-1")).isNull();
		assertThat(table.get("C-2").value().getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_CLEARED);
		assertThat(table.get("C-2").timestamp()).isEqualTo(12);
	}

	@Test
	void theIndexFollowsTheFlagsTheTopologyWrites() {
		WantedIndex index = new WantedIndex();
		Properties props = new Properties();
		props.put(StreamsConfig.APPLICATION_ID_CONFIG, "monitoring-index-test");
		props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		try (TopologyTestDriver driver = new TopologyTestDriver(
				WantedTopology.build(this.serdeConfig, WantedListener.NONE, index), props)) {
			TestInputTopic<String, CaseEvent> caseEvents = driver.createInputTopic(Topics.CASE_EVENTS.name(),
					new StringSerializer(), Topics.CASE_EVENTS.valueSerde(this.serdeConfig).serializer());
			List.of(anEvent("C-1", CaseEventType.CASE_OPENED, 1, Custody.IN_COMMUNITY),
					anEvent("C-1", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY),
					anEvent("C-2", CaseEventType.CASE_OPENED, 1, Custody.IN_COMMUNITY),
					anEvent("C-2", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY))
				.forEach((event) -> caseEvents.pipeInput(event.getCaseId(), event));
			assertThat(caseIds(index)).containsExactlyInAnyOrder("C-1", "C-2");

			CaseEvent arrested = anEvent("C-1", CaseEventType.ARRESTED, 3, Custody.DETAINED);
			caseEvents.pipeInput(arrested.getCaseId(), arrested);

			assertThat(caseIds(index)).containsExactly("C-2");
			assertThat(index.wantedNow()).isEqualTo(1);
			assertThat(WantedList.isWanted(
					driver.<String, WantedFlagEvent>getKeyValueStore(WantedTopology.WANTED_LIST_STORE).get("C-2")))
				.isTrue();
		}
	}

	private TimestampedKeyValueStore<String, WantedFlagEvent> table(MockProcessorContext<Void, Void> context) {
		TimestampedKeyValueStore<String, WantedFlagEvent> table = Stores
			.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(WantedTopology.WANTED_LIST_STORE),
					Serdes.String(), Topics.WANTED_FLAGS.valueSerde(this.serdeConfig))
			.withLoggingDisabled()
			.build();
		table.init(context.getStateStoreContext(), table);
		context.addStateStore(table);
		return table;
	}

	private static List<String> caseIds(WantedIndex index) {
		return index.find(ALL, NOW).items().stream().map(WantedList.Entry::caseId).toList();
	}

	private static WantedFlagEvent raised(String caseId, String since) {
		return WantedFlagEvent.newBuilder()
			.setCaseId(caseId)
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(Instant.parse(since))
			.setReason(HearingType.REPORTING)
			.setCriminality(Criminality.CRIMINAL)
			.setNationality("HTI")
			.setRegion(Region.QUEBEC)
			.setCaseSequence(2)
			.build();
	}

	private static WantedFlagEvent cleared(WantedFlagEvent flag) {
		return WantedFlagEvent.newBuilder(flag)
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(NOW)
			.setClearReason(io.removaltracker.events.wanted.ClearReason.LOCATED)
			.build();
	}

}
