package io.removaltracker.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the events a publisher sent: how many went out, how many came back
 * with each answer, and the first few failures word for word. Safe to update from any
 * thread.
 */
public final class Tally {

	private static final int KEPT_FAILURES = 5;

	private final LongAdder sent = new LongAdder();

	private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

	private final Map<String, String> failures = new ConcurrentHashMap<>();

	private final AtomicLong failed = new AtomicLong();

	/** The sum of several tallies, as of now. */
	public static Tally merged(Tally... tallies) {
		Tally sum = new Tally();
		for (Tally tally : tallies) {
			sum.sent.add(tally.sent.sum());
			tally.answers.forEach(
					(answer, count) -> sum.answers.computeIfAbsent(answer, (key) -> new LongAdder()).add(count.sum()));
			sum.failures.putAll(tally.failures);
			sum.failed.addAndGet(tally.failed.get());
		}
		return sum;
	}

	void sent() {
		this.sent.increment();
	}

	/** An answer that means the event is in (created, a repeat, or acknowledged). */
	void accepted(String answer) {
		this.answers.computeIfAbsent(answer, (key) -> new LongAdder()).increment();
	}

	/** An answer that means the event is not in, with what was said. */
	void failed(String answer, String caseId, String detail) {
		this.answers.computeIfAbsent(answer, (key) -> new LongAdder()).increment();
		if (this.failed.incrementAndGet() <= KEPT_FAILURES) {
			this.failures.put(caseId + " (" + answer + ")", detail);
		}
	}

	public long sentCount() {
		return this.sent.sum();
	}

	public long failedCount() {
		return this.failed.get();
	}

	/** Each answer and how often it came. */
	public Map<String, Long> answers() {
		Map<String, Long> counts = new TreeMap<>();
		this.answers.forEach((answer, count) -> counts.put(answer, count.sum()));
		return counts;
	}

	/** Up to five failures: case and answer, then what the other side said. */
	public Map<String, String> firstFailures() {
		return new TreeMap<>(this.failures);
	}

}
