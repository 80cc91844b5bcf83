package io.removaltracker.localstack.chaos;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What became of every event one scenario sent: which were acknowledged (a 2xx over HTTP,
 * the broker's acknowledgement on the intake topic) and every answer seen, retries
 * included. Safe to update from any thread.
 */
final class Acks {

	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

	private final Map<String, String> firstProblems = new ConcurrentHashMap<>();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong pending = new AtomicLong();

	void sending() {
		this.sent.incrementAndGet();
		this.pending.incrementAndGet();
	}

	/** An answer that is not the last for its event (a 503, a dropped connection). */
	void answer(String answer) {
		this.answers.computeIfAbsent(answer, (key) -> new LongAdder()).increment();
	}

	void acknowledged(String eventId, String answer) {
		answer(answer);
		this.acknowledged.add(eventId);
		this.pending.decrementAndGet();
	}

	/** The last answer for an event that did not get in. */
	void refused(String eventId, String answer, String detail) {
		answer(answer);
		if (this.firstProblems.size() < 5) {
			this.firstProblems.putIfAbsent(eventId + " (" + answer + ")", detail);
		}
		this.pending.decrementAndGet();
	}

	/** A problem worth showing that is not the event's last answer (a 500 retried). */
	void problem(String eventId, String answer, String detail) {
		if (this.firstProblems.size() < 5) {
			this.firstProblems.putIfAbsent(eventId + " (" + answer + ")", detail);
		}
	}

	long sent() {
		return this.sent.get();
	}

	long pending() {
		return this.pending.get();
	}

	Set<String> acknowledged() {
		return Set.copyOf(this.acknowledged);
	}

	long count(String answer) {
		LongAdder count = this.answers.get(answer);
		return (count == null) ? 0 : count.sum();
	}

	/** Answers whose text starts with {@code prefix}, e.g. "http 5". */
	long countStartingWith(String prefix) {
		return this.answers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
	}

	Map<String, Long> answers() {
		Map<String, Long> counts = new TreeMap<>();
		this.answers.forEach((answer, count) -> counts.put(answer, count.sum()));
		return counts;
	}

	Map<String, String> firstProblems() {
		return new TreeMap<>(this.firstProblems);
	}

}
