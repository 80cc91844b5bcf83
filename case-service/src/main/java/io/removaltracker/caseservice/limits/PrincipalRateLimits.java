package io.removaltracker.caseservice.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@link TokenBucket} per principal, so one caller that floods intake is refused
 * while every other caller keeps its own rate. Memory stays bounded: a bucket that has
 * filled up again is the same as a new one, so buckets of principals that have been quiet
 * for {@code burst / perSecond} seconds are dropped whenever the map has doubled since
 * the last sweep. The map then holds at most about twice the principals active in the
 * last such interval, plus {@value #SWEEP_AT_LEAST} at most.
 */
public final class PrincipalRateLimits {

	/** Below this many buckets no sweep runs: a few idle ones cost nothing. */
	static final int SWEEP_AT_LEAST = 1024;

	private final double perSecond;

	private final double burst;

	private final Clock clock;

	private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	private volatile int sweepAbove = SWEEP_AT_LEAST;

	private final AtomicBoolean sweeping = new AtomicBoolean();

	/**
	 * @param perSecond requests a second each principal may keep up, more than 0
	 * @param burst requests a principal that has been quiet may send at once, at least 1
	 * @param clock the time the buckets refill by
	 */
	public PrincipalRateLimits(double perSecond, int burst, Clock clock) {
		if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
			throw new IllegalArgumentException(
					"The rate must be a number of requests a second above 0, not " + perSecond);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("The burst must be at least 1 request, not " + burst);
		}
		this.perSecond = perSecond;
		this.burst = burst;
		this.clock = clock;
	}

	/**
	 * Takes one request from the principal's allowance.
	 * @return 0 when the request may go ahead, else the whole seconds (at least 1) after
	 * which the principal may try again
	 */
	public long admit(String principal) {
		Instant now = this.clock.instant();
		long[] retryAfter = new long[1];
		// compute() holds the entry while the bucket is used, so a sweep never drops a
		// bucket a request is taking from.
		this.buckets.compute(principal, (name, bucket) -> {
			TokenBucket used = (bucket != null) ? bucket : new TokenBucket(this.perSecond, this.burst, now);
			retryAfter[0] = used.take(now);
			return used;
		});
		if (this.buckets.size() > this.sweepAbove && this.sweeping.compareAndSet(false, true)) {
			try {
				sweep(now);
			}
			finally {
				this.sweeping.set(false);
			}
		}
		return retryAfter[0];
	}

	/** How many principals have a bucket now. */
	int tracked() {
		return this.buckets.size();
	}

	private void sweep(Instant now) {
		for (String principal : this.buckets.keySet()) {
			this.buckets.computeIfPresent(principal, (name, bucket) -> bucket.isFullAt(now) ? null : bucket);
		}
		this.sweepAbove = Math.max(SWEEP_AT_LEAST, 2 * this.buckets.size());
	}

}
