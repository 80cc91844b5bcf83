package io.removaltracker.caseservice.rules;

/** The rules an intake event can break, each with the HTTP status that says it. */
public enum RefusalReason {

	/** Malformed or incomplete content. */
	INVALID(400, "invalid-event"),
	/** Any type but CASE_OPENED for a case that does not exist. */
	CASE_NOT_FOUND(404, "case-not-found"),
	/** CASE_OPENED for a case that exists. */
	CASE_EXISTS(409, "case-exists"),
	/** Any event for a removed or closed case. */
	CASE_CLOSED(409, "case-closed"),
	/**
	 * The type is not accepted in the case's current state: its custody or stay, or a
	 * nationality or team it already has.
	 */
	TRANSITION_NOT_ALLOWED(409, "transition-not-allowed"),
	/** The eventId was accepted before with different content. */
	EVENT_ID_CONFLICT(409, "event-id-conflict");

	private final int status;

	private final String rule;

	RefusalReason(int status, String rule) {
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
