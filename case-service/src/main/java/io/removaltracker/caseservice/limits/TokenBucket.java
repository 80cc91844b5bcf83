package io.removaltracker.caseservice.limits;

import java.time.Instant;

/**
 * A token bucket: it holds at most {@code burst} tokens, gains {@code perSecond} of them
 * each second, and each request takes one. A caller that has been quiet may send a burst
 * at once, then at the rate. Not thread-safe: {@link PrincipalRateLimits} serialises the
 * calls on one bucket.
 */
final class TokenBucket {

	private final double perSecond;

	private final double burst;

	private double tokens;

	private Instant refilledAt;

	/** A full bucket at {@code now}: a new caller may send a whole burst. */
	TokenBucket(double perSecond, double burst, Instant now) {
		this.perSecond = perSecond;
		this.burst = burst;
		this.tokens = burst;
		this.refilledAt = now;
	}

	/**
	 * Takes a token if there is one at {@code now}.
	 * @return 0 when a token was taken, else the whole seconds (at least 1) until one
	 * will be there
	 */
	long take(Instant now) {
		refill(now);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		double secondsToNextToken = (1 - this.tokens) / this.perSecond;
		return Math.max(1, (long) Math.ceil(secondsToNextToken));
	}

	/**
	 * Whether the bucket would be full at {@code now}: a full bucket is the same as no
	 * bucket, so it can be forgotten.
	 */
	boolean isFullAt(Instant now) {
		refill(now);
		return this.tokens >= this.burst;
	}

	/**
	 * Adds what the time since the last refill earned, up to the burst. Seconds are
	 * counted as a double from the difference of epoch seconds, which cannot overflow for
	 * any two instants; a clock that went back earns nothing and is not followed back.
	 */
	private void refill(Instant now) {
		if (!now.isAfter(this.refilledAt)) {
			return;
		}
		double elapsed = (now.getEpochSecond() - this.refilledAt.getEpochSecond())
				+ (now.getNano() - this.refilledAt.getNano()) / 1e9;
		this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
		this.refilledAt = now;
	}

}
