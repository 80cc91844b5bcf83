package io.removaltracker.monitoring.flags;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;

import io.removaltracker.events.wanted.WantedFlagEvent;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the global table {@value WantedTopology#WANTED_LIST_STORE} as a global table
 * would (each case's last flag change; a null value deletes) and the {@link WantedIndex}
 * in step with it. Kafka Streams restores the table before it initialises this processor,
 * sometimes by writing the topic's records straight into the store, so {@link #init}
 * rebuilds the index from the table as restored; every later record passes through
 * {@link #process}.
 */
final class WantedListUpdater implements Processor<String, WantedFlagEvent, Void, Void> {

	private final WantedIndex index;

	private TimestampedKeyValueStore<String, WantedFlagEvent> table;

	WantedListUpdater(WantedIndex index) {
		this.index = index;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.table = context.getStateStore(WantedTopology.WANTED_LIST_STORE);
		try (KeyValueIterator<String, ValueAndTimestamp<WantedFlagEvent>> all = this.table.all()) {
			this.index.rebuild(new Iterator<>() {

				@Override
				public boolean hasNext() {
					return all.hasNext();
				}

				@Override
				public Map.Entry<String, WantedFlagEvent> next() {
					KeyValue<String, ValueAndTimestamp<WantedFlagEvent>> entry = all.next();
					return new AbstractMap.SimpleImmutableEntry<>(entry.key,
							(entry.value != null) ? entry.value.value() : null);
				}

			});
		}
	}

	@Override
	public void process(Record<String, WantedFlagEvent> record) {
		if (record.key() == null) {
			return;
		}
		if (record.value() == null) {
			this.table.delete(record.key());
		}
		else {
			this.table.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
		}
		this.index.changed(record.key(), record.value());
	}

}
