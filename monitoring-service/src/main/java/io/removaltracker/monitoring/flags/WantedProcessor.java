package io.removaltracker.monitoring.flags;

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
 * {@code case-events}, or a record delivered twice, therefore raises or clears nothing
 * twice. Stores and output commit together.
 */
final class WantedProcessor implements Processor<String, CaseEvent, String, WantedFlagEvent> {

	static final String WANTED_NOW_STORE = "wanted-now";

	static final String LAST_SEQUENCE_STORE = "last-applied-sequence";

	private final WantedListener listener;

	private ProcessorContext<String, WantedFlagEvent> context;

	private KeyValueStore<String, WantedFlagEvent> wantedNow;

	private KeyValueStore<String, Long> lastSequence;

	WantedProcessor(WantedListener listener) {
		this.listener = listener;
	}

	@Override
	public void init(ProcessorContext<String, WantedFlagEvent> context) {
		this.context = context;
		this.wantedNow = context.getStateStore(WANTED_NOW_STORE);
		this.lastSequence = context.getStateStore(LAST_SEQUENCE_STORE);
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
		WantedRule.apply(event, this.wantedNow.get(caseId)).ifPresent((change) -> {
			if (change.getType() == WantedFlagEventType.WANTED_FLAG_RAISED) {
				this.wantedNow.put(caseId, change);
			}
			else {
				this.wantedNow.delete(caseId);
			}
			this.context.forward(record.withKey(caseId).withValue(change));
			this.listener.changed(change);
		});
	}

}
