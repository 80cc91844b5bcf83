package io.removaltracker.caseservice.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.removaltracker.caseservice.rules.CaseHistory;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.HearingScheduled;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads of the {@value #NAME} store, keyed {@code caseId/sequence} with the sequence
 * zero-padded, so one case's events sort together and in order. Used by the processor and
 * by queries alike.
 */
public final class CaseHistoryStore implements CaseHistory {

	public static final String NAME = "case-history";

	private final ReadOnlyKeyValueStore<String, CaseEvent> store;

	public CaseHistoryStore(ReadOnlyKeyValueStore<String, CaseEvent> store) {
		this.store = store;
	}

	static String key(String caseId, long sequence) {
		// Zero-padded to 19 digits so keys sort by sequence. Not String.format: it took
		// 10% of the stream thread's time under load (JFR, see BENCHMARKS.md).
		String digits = Long.toString(sequence);
		return caseId + "/" + "0".repeat(19 - digits.length()) + digits;
	}

	@Override
	public Optional<CaseEvent> last(String caseId) {
		try (KeyValueIterator<String, CaseEvent> events = this.store.reverseRange(caseId + "/", caseId + "/~")) {
			return events.hasNext() ? Optional.of(events.next().value) : Optional.empty();
		}
	}

	public Optional<CaseEvent> event(String caseId, long sequence) {
		return Optional.ofNullable(this.store.get(key(caseId, sequence)));
	}

	/** The case's events in sequence order; empty when the case does not exist. */
	public List<CaseEvent> events(String caseId) {
		List<CaseEvent> events = new ArrayList<>();
		try (KeyValueIterator<String, CaseEvent> all = this.store.prefixScan(caseId + "/", new StringSerializer())) {
			all.forEachRemaining((KeyValue<String, CaseEvent> entry) -> events.add(entry.value));
		}
		return events;
	}

	@Override
	public Optional<HearingScheduled> scheduledHearing(String caseId, String hearingId) {
		HearingScheduled found = null;
		for (CaseEvent event : events(caseId)) {
			if (event.getPayload() instanceof HearingScheduled scheduled
					&& scheduled.getHearingId().equals(hearingId)) {
				found = scheduled;
			}
		}
		return Optional.ofNullable(found);
	}

}
