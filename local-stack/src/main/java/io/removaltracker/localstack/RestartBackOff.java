package io.removaltracker.localstack;

import java.time.Duration;

/**
 * How long to wait before starting a part that died: {@value #FIRST_PAUSE_SECONDS} s,
 * doubling with each death in a row up to {@value #LONGEST_PAUSE_SECONDS} s, so a part
 * that cannot live is not started in a tight loop. A part that stayed up for
 * {@link #STABLE} before it died starts the pauses over: that death is news, not a loop.
 */
final class RestartBackOff {

	static final long FIRST_PAUSE_SECONDS = 1;

	static final long LONGEST_PAUSE_SECONDS = 30;

	static final Duration STABLE = Duration.ofSeconds(60);

	private int deathsInARow;

	/** The pause before the next start, after a death that followed {@code uptime} up. */
	Duration afterDeath(Duration uptime) {
		this.deathsInARow = (uptime.compareTo(STABLE) >= 0) ? 1 : this.deathsInARow + 1;
		long seconds = FIRST_PAUSE_SECONDS << Math.min(this.deathsInARow - 1, 16);
		return Duration.ofSeconds(Math.min(seconds, LONGEST_PAUSE_SECONDS));
	}

}
