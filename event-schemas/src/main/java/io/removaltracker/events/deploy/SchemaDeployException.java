package io.removaltracker.events.deploy;

/**
 * A published version could not be looked up or registered; names the subject and the
 * version, with the registry's own answer.
 */
public class SchemaDeployException extends RuntimeException {

	private final String subject;

	SchemaDeployException(String subject, String message, Throwable cause) {
		super(message, cause);
		this.subject = subject;
	}

	/** The subject being deployed when it failed. */
	public String subject() {
		return this.subject;
	}

}
