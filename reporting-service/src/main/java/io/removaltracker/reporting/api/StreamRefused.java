package io.removaltracker.reporting.api;

import io.removaltracker.service.ProblemException;

/**
 * A stream not opened because a limit is reached: the whole service's (503, the service
 * cannot take more) or the caller's own (429, the caller has enough open). Either way the
 * caller may try again after {@link #retryAfterSeconds()}.
 */
final class StreamRefused extends ProblemException {

	static final String SERVICE_FULL = "service-full";

	static final String CALLER_FULL = "caller-full";

	private final long retryAfterSeconds;

	private StreamRefused(int status, String rule, String title, String detail, long retryAfterSeconds) {
		super(status, rule, title, detail);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	static StreamRefused serviceFull(int maxClients, long retryAfterSeconds) {
		return new StreamRefused(
				503, "stream-" + SERVICE_FULL, "No stream available", "The service has " + maxClients
						+ " live streams open, as many as it takes; retry later, or read " + "GET /api/v1/stats",
				retryAfterSeconds);
	}

	static StreamRefused callerFull(int maxClientsPerPrincipal, long retryAfterSeconds) {
		return new StreamRefused(
				429, "stream-" + CALLER_FULL, "Too many open streams", "This caller has " + maxClientsPerPrincipal
						+ " live streams open, as many as one caller may; " + "close one or retry later",
				retryAfterSeconds);
	}

	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
