package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.service.ServiceUnavailableException;
import io.removaltracker.service.StreamsRuntime;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The wanted list from this instance's copy of the global table: every instance holds
 * every case's last flag change, so any instance answers for the whole country without
 * asking another.
 */
public final class WantedQueries {

	private final StreamsRuntime runtime;

	public WantedQueries(StreamsRuntime runtime) {
		this.runtime = runtime;
	}

	public WantedList.Page find(WantedList.Query query, Instant now) {
		return WantedList.find(lastChanges(), query, now);
	}

	public Optional<WantedList.Entry> entry(String caseId) {
		return WantedList.entry(store().get(caseId));
	}

	/** How many cases are wanted now; NaN while the table is not readable. */
	public double wantedNowOrNaN() {
		try {
			long wanted = 0;
			for (WantedFlagEvent flag : lastChanges()) {
				if (WantedList.isWanted(flag)) {
					wanted++;
				}
			}
			return wanted;
		}
		catch (ServiceUnavailableException ex) {
			return Double.NaN;
		}
	}

	private List<WantedFlagEvent> lastChanges() {
		List<WantedFlagEvent> all = new ArrayList<>();
		try (KeyValueIterator<String, WantedFlagEvent> entries = store().all()) {
			entries.forEachRemaining((entry) -> all.add(entry.value));
		}
		return all;
	}

	private ReadOnlyKeyValueStore<String, WantedFlagEvent> store() {
		try {
			return this.runtime.streams()
				.store(StoreQueryParameters.fromNameAndType(WantedTopology.WANTED_LIST_STORE,
						QueryableStoreTypes.<String, WantedFlagEvent>keyValueStore()));
		}
		catch (InvalidStateStoreException ex) {
			throw new ServiceUnavailableException("The wanted list is not readable yet: " + ex.getMessage());
		}
	}

}
