package io.removaltracker.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value could not be decoded or encoded because the schema registry could not answer
 * right now (unreachable, timed out, overloaded, 5xx, or refusing this client's
 * credentials). Nothing is known to be wrong with the bytes: a consumer waits and tries
 * the same record again instead of rejecting or skipping it.
 */
public class RegistryUnavailableException extends SerializationException {

	public RegistryUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Whether this failure, or one of its causes, is a registry that could not answer.
	 */
	public static boolean isCauseOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RegistryUnavailableException) {
				return true;
			}
		}
		return false;
	}

}
