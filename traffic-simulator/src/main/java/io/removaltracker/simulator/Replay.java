package io.removaltracker.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a stream of traffic through a publisher, at most {@code maxRate} events a second
 * when asked, printing progress about once a second (rate, done, what is left) and a
 * summary at the end.
 */
public final class Replay {

	/** What a replay did. */
	public record Result(String name, long events, long units, String unit, Duration elapsed, Tally tally) {

		public double eventsPerSecond() {
			return this.events / Math.max(0.001, this.elapsed.toNanos() / 1e9);
		}

		/** True when every event was taken in. */
		public boolean complete() {
			return this.tally.failedCount() == 0 && this.tally.sentCount() == this.events;
		}

		public String summary() {
			StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
					"[%s] done: %,d %s, %,d events in %s (%,.0f events/s). Answers: %s", this.name, this.units,
					this.unit, this.events, Replay.format(this.elapsed), eventsPerSecond(), this.tally.answers()));
			this.tally.firstFailures()
				.forEach((what, detail) -> text.append(System.lineSeparator())
					.append("  refused: ")
					.append(what)
					.append(": ")
					.append(detail));
			return text.toString();
		}
	}

	private Replay() {
	}

	/**
	 * @param maxRate events a second at most; 0 for as fast as the other side takes them
	 * @param out where progress goes, or null for none
	 */
	public static Result run(Traffic traffic, IntakePublisher publisher, double maxRate, PrintStream out)
			throws InterruptedException {
		if (out != null) {
			out.printf(Locale.ROOT, "[%s] sending %,d %s to %s%s%n", traffic.name(), traffic.total(), traffic.unit(),
					publisher.describe(),
					(maxRate > 0) ? String.format(Locale.ROOT, ", at most %,.0f events/s", maxRate) : "");
		}
		long start = System.nanoTime();
		long nextReport = start + 1_000_000_000L;
		long events = 0;
		while (traffic.hasNext()) {
			publisher.publish(traffic.next());
			events++;
			long now = System.nanoTime();
			if (maxRate > 0) {
				long due = start + (long) (events * 1e9 / maxRate);
				if (due > now) {
					LockSupport.parkNanos(due - now);
				}
			}
			if (out != null && now >= nextReport) {
				out.println(progress(traffic, events, now - start));
				nextReport = now + 1_000_000_000L;
			}
		}
		publisher.flush();
		Result result = new Result(traffic.name(), events, traffic.done(), traffic.unit(),
				Duration.ofNanos(System.nanoTime() - start), publisher.tally());
		if (out != null) {
			out.println(result.summary());
		}
		return result;
	}

	private static String progress(Traffic traffic, long events, long elapsedNanos) {
		double seconds = elapsedNanos / 1e9;
		double fraction = (traffic.total() == 0) ? 1 : (double) traffic.done() / traffic.total();
		Duration left = Duration.ofMillis((long) ((fraction > 0) ? seconds * (1 - fraction) / fraction * 1000 : 0));
		return String.format(Locale.ROOT, "[%s] %5.1f%% · %,d of %,d %s · %,d events · %,.0f events/s · about %s left",
				traffic.name(), fraction * 100, traffic.done(), traffic.total(), traffic.unit(), events,
				events / seconds, format(left));
	}

	static String format(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 60) ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
				: String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
	}

}
