package io.removaltracker.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import io.removaltracker.serde.RegistryUnavailableException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * What to do when a stream thread dies, in plain Java. A dependency that could not answer
 * (the schema registry, a broker) is transient: the thread is replaced after a growing
 * pause ({@value #FIRST_PAUSE_MS} ms doubling up to {@value #LONGEST_PAUSE_MS} ms) and
 * tries the same record again, since its offset was never committed; meanwhile the
 * service reports what it waits for. Any other failure is replaced after a short pause,
 * but a thread that dies {@value #FAILURES_TO_GIVE_UP} times within
 * {@link #FAILURE_WINDOW} is not replaced in a loop: the service gives up and says it is
 * broken, so the platform restarts it.
 */
public final class ThreadFailurePolicy {

	static final long FIRST_PAUSE_MS = 500;

	static final long LONGEST_PAUSE_MS = 5_000;

	static final int FAILURES_TO_GIVE_UP = 5;

	static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);

	/** Replace the thread after {@code pause}, or give up. */
	public record Response(boolean giveUp, Duration pause, boolean transientFailure) {
	}

	private final Deque<Instant> otherFailures = new ArrayDeque<>();

	private int transientInARow;

	private Instant waitingUntil = Instant.MIN;

	private String waitingFor;

	/**
	 * Whether the failure, or one of its causes, is a dependency that could not answer.
	 */
	public static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RegistryUnavailableException || cause instanceof RetriableException) {
				return true;
			}
		}
		return false;
	}

	public synchronized Response failed(Throwable failure, Instant now) {
		if (isTransient(failure)) {
			// A failure after a quiet spell starts the pauses over.
			this.transientInARow = now.isAfter(this.waitingUntil) ? 1 : this.transientInARow + 1;
			long pause = pauseMillis(this.transientInARow);
			this.waitingFor = describe(failure);
			// Still waiting until the retry after this pause has had time to get through.
			this.waitingUntil = now.plusMillis(2 * pause + 5_000);
			return new Response(false, Duration.ofMillis(pause), true);
		}
		this.transientInARow = 0;
		this.otherFailures.addLast(now);
		while (this.otherFailures.peekFirst().isBefore(now.minus(FAILURE_WINDOW))) {
			this.otherFailures.removeFirst();
		}
		return new Response(this.otherFailures.size() >= FAILURES_TO_GIVE_UP, Duration.ofSeconds(1), false);
	}

	/**
	 * The pause before trying again after the given number of transient failures in a
	 * row: {@value #FIRST_PAUSE_MS} ms doubling up to {@value #LONGEST_PAUSE_MS} ms.
	 */
	static long pauseMillis(int failuresInARow) {
		return Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS << Math.min(Math.max(failuresInARow, 1) - 1, 16));
	}

	/** What the service waits for, while a transient failure is recent. */
	public synchronized Optional<String> waitingFor(Instant now) {
		if (this.waitingFor == null || now.isAfter(this.waitingUntil)) {
			return Optional.empty();
		}
		return Optional.of(this.waitingFor);
	}

	private static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RegistryUnavailableException || cause instanceof RetriableException) {
				return cause.getMessage();
			}
		}
		return failure.toString();
	}

}
