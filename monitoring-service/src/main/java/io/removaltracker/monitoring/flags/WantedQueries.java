package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.Optional;

import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.service.ServiceUnavailableException;
import io.removaltracker.service.StreamsRuntime;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The wanted list from this instance's copy of the global table: every instance holds
 * every case's last flag change, so any instance answers for the whole country without
 * asking another. Pages and the count come from the {@link WantedIndex} kept beside the
 * table, and are answered only while the table is readable, as a single case is.
 */
public final class WantedQueries {

	private final StreamsRuntime runtime;

	private final WantedIndex index;

	public WantedQueries(StreamsRuntime runtime, WantedIndex index) {
		this.runtime = runtime;
		this.index = index;
	}

	public WantedList.Page find(WantedList.Query query, Instant now) {
		store();
		return this.index.find(query, now);
	}

	public Optional<WantedList.Entry> entry(String caseId) {
		return WantedList.entry(store().get(caseId));
	}

	/** How many cases are wanted now; NaN while the table is not readable. */
	public double wantedNowOrNaN() {
		try {
			store();
			return this.index.wantedNow();
		}
		catch (ServiceUnavailableException ex) {
			return Double.NaN;
		}
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
