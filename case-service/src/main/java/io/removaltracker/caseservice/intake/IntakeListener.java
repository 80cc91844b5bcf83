package io.removaltracker.caseservice.intake;

/** Told of every verdict, for metrics; never of personal data. */
public interface IntakeListener {

	IntakeListener NONE = new IntakeListener() {
	};

	default void accepted(String type, IntakeChannel channel) {
	}

	default void duplicate(String type, IntakeChannel channel) {
	}

	/**
	 * An intake record named an HTTP caller without a signature that verifies: forged by
	 * a Kafka writer, or signed by an instance with another secret.
	 */
	default void unverifiedPrincipal() {
	}

	/** {@code type} is {@code unknown} when the record could not be decoded. */
	default void rejected(String type, String rule, IntakeChannel channel) {
	}

}
