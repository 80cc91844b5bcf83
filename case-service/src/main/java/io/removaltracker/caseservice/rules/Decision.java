package io.removaltracker.caseservice.rules;

import java.util.Map;

import io.removaltracker.events.cases.CaseEvent;

/** What the rules say of one intake event: the canonical event to record, or why not. */
public sealed interface Decision {

	/**
	 * The event is applied; {@code event} is the canonical event with the state after it.
	 */
	record Accepted(CaseEvent event) implements Decision {
	}

	/** The event is refused; nothing is recorded. */
	record Refused(Refusal refusal, String detail, Map<String, String> fieldErrors) implements Decision {

		public Refused(Refusal refusal, String detail) {
			this(refusal, detail, Map.of());
		}

	}

	/** The rules an event can break, each with the HTTP status that says it. */
	enum Refusal {

		/** Malformed or incomplete content. */
		INVALID(400, "invalid-event"),
		/** Any type but CASE_OPENED for a case that does not exist. */
		CASE_NOT_FOUND(404, "case-not-found"),
		/** CASE_OPENED for a case that exists. */
		CASE_EXISTS(409, "case-exists"),
		/** Any event for a removed or closed case. */
		CASE_CLOSED(409, "case-closed"),
		/** The type is not accepted in the case's custody or stay. */
		TRANSITION_NOT_ALLOWED(409, "transition-not-allowed"),
		/** The eventId was accepted before with different content. */
		EVENT_ID_CONFLICT(409, "event-id-conflict");

		private final int status;

		private final String rule;

		Refusal(int status, String rule) {
			this.status = status;
			this.rule = rule;
		}

		public int status() {
			return this.status;
		}

		/** A short stable name, used in problem types, metrics and rejection headers. */
		public String rule() {
			return this.rule;
		}

	}

}
