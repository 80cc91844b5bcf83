package io.removaltracker.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.removaltracker.events.intake.IntakeEvent;

/** A stream of intake events to replay, and how far through it a replay is. */
public final class Traffic implements Iterator<IntakeEvent> {

	private final String name;

	private final Iterator<List<IntakeEvent>> batches;

	private final long totalBatches;

	private final String unit;

	private Iterator<IntakeEvent> current = Collections.emptyIterator();

	private long batchesStarted;

	private Traffic(String name, Iterator<List<IntakeEvent>> batches, long totalBatches, String unit) {
		this.name = name;
		this.batches = batches;
		this.totalBatches = totalBatches;
		this.unit = unit;
	}

	/**
	 * The reference scenario, in the order things happened across the country (each event
	 * its own step of progress).
	 */
	public static Traffic reference() {
		List<IntakeEvent> events = ReferenceScenario.events();
		return new Traffic("reference", events.stream().map(List::of).iterator(), events.size(), "events");
	}

	/** Random cases, one after the other (progress counted in cases). */
	public static Traffic random(long seed, int cases, Instant end) {
		return new Traffic("random", new RandomTraffic(seed, cases, end), cases, "cases");
	}

	public String name() {
		return this.name;
	}

	/** What progress is counted in: {@code events} or {@code cases}. */
	public String unit() {
		return this.unit;
	}

	public long total() {
		return this.totalBatches;
	}

	/** How many of {@link #total()} have been started. */
	public long done() {
		return this.batchesStarted;
	}

	@Override
	public boolean hasNext() {
		while (!this.current.hasNext() && this.batches.hasNext()) {
			this.current = this.batches.next().iterator();
			this.batchesStarted++;
		}
		return this.current.hasNext();
	}

	@Override
	public IntakeEvent next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return this.current.next();
	}

}
