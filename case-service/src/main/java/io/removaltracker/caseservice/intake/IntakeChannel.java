package io.removaltracker.caseservice.intake;

/** How an intake event reached the service; HTTP events carry a request id header. */
public enum IntakeChannel {

	HTTP, KAFKA;

	/**
	 * Header the HTTP side puts on its intake records: the id its waiting request is
	 * known by.
	 */
	public static final String REQUEST_ID_HEADER = "intake-request-id";

}
