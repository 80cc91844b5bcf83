package io.removaltracker.simulator;

import io.removaltracker.events.intake.IntakeEvent;

/**
 * Sends intake events to a running case-service, keeping each case's events in order.
 * {@link #publish} may block to hold back a sender faster than the other side.
 */
public interface IntakePublisher extends AutoCloseable {

	void publish(IntakeEvent event) throws InterruptedException;

	/** Waits until every event published so far has its answer. */
	void flush() throws InterruptedException;

	Tally tally();

	/** Where the events go, for people to read (no credentials). */
	String describe();

	@Override
	void close();

}
