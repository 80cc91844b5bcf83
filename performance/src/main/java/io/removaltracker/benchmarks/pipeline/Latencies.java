package io.removaltracker.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Recorded durations and their percentiles, in milliseconds. Safe to add from any thread.
 * Shared with the exhaustion benchmark.
 */
public final class Latencies {

	private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

	public void add(long durationNanos) {
		this.nanos.add(durationNanos);
	}

	public int count() {
		return this.nanos.size();
	}

	/** The value at or below which {@code percent} of the samples lie (nearest rank). */
	public double percentileMillis(double percent) {
		List<Long> sorted;
		synchronized (this.nanos) {
			sorted = new ArrayList<>(this.nanos);
		}
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
	}

	public String summary() {
		return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f, p99 %.1f, max %.1f (%d samples)",
				percentileMillis(50), percentileMillis(95), percentileMillis(99), percentileMillis(100), count());
	}

}
