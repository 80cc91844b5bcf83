package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.Objects;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import io.removaltracker.monitoring.rules.WantedRule;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the wanted rule to each case's events in order. Each case's last applied
 * sequence is kept, and an event at or below it is skipped. Replaying
 * {@code case-events}, or a record delivered twice, therefore raises, updates or clears
 * nothing twice. Stores and output commit together.
 */
final class WantedProcessor implements Processor<String, CaseEvent, String, WantedFlagEvent> {

	static final String WANTED_NOW_STORE = "wanted-now";

	static final String LAST_SEQUENCE_STORE = "last-applied-sequence";

	/**
	 * caseId to the latest review of its current wanted spell, in epoch milliseconds. The
	 * flag carries only the date that review gave, and around 29 February the review
	 * cannot be told back from that date.
	 */
	static final String LATEST_REVIEW_STORE = "latest-review";

	private final WantedListener listener;

	private ProcessorContext<String, WantedFlagEvent> context;

	private KeyValueStore<String, WantedFlagEvent> wantedNow;

	private KeyValueStore<String, Long> lastSequence;

	private KeyValueStore<String, Long> latestReview;

	WantedProcessor(WantedListener listener) {
		this.listener = listener;
	}

	@Override
	public void init(ProcessorContext<String, WantedFlagEvent> context) {
		this.context = context;
		this.wantedNow = context.getStateStore(WANTED_NOW_STORE);
		this.lastSequence = context.getStateStore(LAST_SEQUENCE_STORE);
		this.latestReview = context.getStateStore(LATEST_REVIEW_STORE);
	}

	@Override
	public void process(Record<String, CaseEvent> record) {
		CaseEvent event = record.value();
		if (event == null) {
			return;
		}
		String caseId = event.getCaseId();
		Long applied = this.lastSequence.get(caseId);
		if (applied != null && event.getSequence() <= applied) {
			this.listener.alreadySeen();
			return;
		}
		this.lastSequence.put(caseId, event.getSequence());
		Long reviewedBefore = this.latestReview.get(caseId);
		WantedRule.Outcome outcome = WantedRule.apply(event, this.wantedNow.get(caseId),
				(reviewedBefore != null) ? Instant.ofEpochMilli(reviewedBefore) : null);
		Long reviewedAfter = (outcome.latestReview() != null) ? outcome.latestReview().toEpochMilli() : null;
		if (!Objects.equals(reviewedBefore, reviewedAfter)) {
			if (reviewedAfter != null) {
				this.latestReview.put(caseId, reviewedAfter);
			}
			else {
				this.latestReview.delete(caseId);
			}
		}
		outcome.change().ifPresent((change) -> {
			// Raised and updated flags are still up; only a clear ends the spell.
			if (change.getType() == WantedFlagEventType.WANTED_FLAG_CLEARED) {
				this.wantedNow.delete(caseId);
			}
			else {
				this.wantedNow.put(caseId, change);
			}
			this.context.forward(record.withKey(caseId).withValue(change));
			this.listener.changed(change);
		});
	}

}
