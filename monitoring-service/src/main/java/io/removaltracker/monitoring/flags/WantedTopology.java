package io.removaltracker.monitoring.flags;

import java.util.Map;

import io.removaltracker.events.Topics;
import io.removaltracker.events.wanted.WantedFlagEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code case-events} through {@link WantedProcessor} to {@code wanted-flags}; and
 * {@code wanted-flags} as a global table, {@value #WANTED_LIST_STORE}, holding each
 * case's last flag change on every instance, with the {@link WantedIndex} of the cases
 * wanted now beside it.
 */
public final class WantedTopology {

	/**
	 * caseId to the case's last flag change; wanted now when it is a raise or an update,
	 * not a clear.
	 */
	public static final String WANTED_LIST_STORE = "wanted-list";

	private WantedTopology() {
	}

	public static Topology build(Map<String, ?> serdeConfig, WantedListener listener) {
		return build(serdeConfig, listener, new WantedIndex());
	}

	/**
	 * The topology, keeping {@code index} in step with the global table for the wanted
	 * list's pages and gauge.
	 */
	public static Topology build(Map<String, ?> serdeConfig, WantedListener listener, WantedIndex index) {
		StreamsBuilder builder = new StreamsBuilder();
		builder
			.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WantedProcessor.WANTED_NOW_STORE),
					Serdes.String(), Topics.WANTED_FLAGS.storeValueSerde(serdeConfig)));
		builder.addStateStore(Stores.keyValueStoreBuilder(
				Stores.persistentKeyValueStore(WantedProcessor.LAST_SEQUENCE_STORE), Serdes.String(), Serdes.Long()));
		builder.addStateStore(Stores.keyValueStoreBuilder(
				Stores.persistentKeyValueStore(WantedProcessor.LATEST_REVIEW_STORE), Serdes.String(), Serdes.Long()));
		builder
			.stream(Topics.CASE_EVENTS.name(),
					Consumed.with(Topics.CASE_EVENTS.keySerde(), Topics.CASE_EVENTS.valueSerde(serdeConfig))
						.withName("case-events-source"))
			.process(() -> new WantedProcessor(listener), Named.as("wanted-rule"), WantedProcessor.WANTED_NOW_STORE,
					WantedProcessor.LAST_SEQUENCE_STORE, WantedProcessor.LATEST_REVIEW_STORE)
			.to(Topics.WANTED_FLAGS.name(),
					Produced.with(Topics.WANTED_FLAGS.keySerde(), Topics.WANTED_FLAGS.valueSerde(serdeConfig)));
		// What builder.globalTable would build (the same timestamped store, so a state
		// directory written before reads the same), with the index updated beside it.
		builder.addGlobalStore(
				Stores
					.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(WANTED_LIST_STORE),
							Topics.WANTED_FLAGS.keySerde(), Topics.WANTED_FLAGS.valueSerde(serdeConfig))
					.withLoggingDisabled(),
				Topics.WANTED_FLAGS.name(),
				Consumed.with(Topics.WANTED_FLAGS.keySerde(), Topics.WANTED_FLAGS.valueSerde(serdeConfig))
					.withName("wanted-flags-source"),
				() -> new WantedListUpdater(index));
		return builder.build();
	}

}
