package io.removaltracker.benchmarks.pipeline;

import java.time.Instant;

import io.removaltracker.simulator.RandomTraffic;

/**
 * How many of the simulator's random cases make a number of events, counted from the
 * generator itself: its histories average about five events a case, and the figure moves
 * whenever its weights do, so no benchmark assumes one.
 */
public final class TrafficSize {

	private TrafficSize() {
	}

	/**
	 * The fewest cases of {@code RandomTraffic(seed, ..., end)} that hold at least
	 * {@code events} events: the same seed and end give the same cases, so these are
	 * exactly the first cases a run publishes.
	 */
	public static int casesFor(long seed, long events, Instant end) {
		RandomTraffic traffic = new RandomTraffic(seed, Integer.MAX_VALUE, end);
		long counted = 0;
		int cases = 0;
		while (counted < events) {
			counted += traffic.next().size();
			cases++;
		}
		return Math.max(1, cases);
	}

}
