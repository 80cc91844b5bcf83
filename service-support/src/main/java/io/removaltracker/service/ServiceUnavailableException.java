package io.removaltracker.service;

/**
 * The service cannot answer right now (state restoring, partitions moving, Kafka not
 * taking writes): 503 with {@code Retry-After}, never a client's mistake.
 */
public class ServiceUnavailableException extends RuntimeException {

	public ServiceUnavailableException(String message) {
		super(message);
	}

}
