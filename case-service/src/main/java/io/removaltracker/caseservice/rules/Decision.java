package io.removaltracker.caseservice.rules;

import java.util.Map;

import io.removaltracker.events.cases.CaseEvent;

/**
 * What the rules say of one intake event: the canonical event to record, the earlier
 * event it repeats, or why it is refused.
 */
public sealed interface Decision {

	/**
	 * The event is applied; {@code event} is the canonical event with the state after it.
	 */
	record Accepted(CaseEvent event) implements Decision {
	}

	/**
	 * The eventId was accepted before with the same content, as the case's event
	 * {@code sequence}: nothing new is recorded, and the answer is that first event.
	 */
	record Duplicate(long sequence) implements Decision {
	}

	/** The event is refused; nothing is recorded. */
	record Refused(RefusalReason reason, String detail, Map<String, String> fieldErrors) implements Decision {

		public Refused(RefusalReason reason, String detail) {
			this(reason, detail, Map.of());
		}

	}

}
