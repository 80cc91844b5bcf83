package io.removaltracker.caseservice.limits;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

	private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

	@Test
	void aQuietCallerMaySendAWholeBurstThenIsRefused() {
		TokenBucket bucket = new TokenBucket(10, 5, START);

		for (int i = 0; i < 5; i++) {
			assertThat(bucket.take(START)).isZero();
		}
		assertThat(bucket.take(START)).isPositive();
	}

	@Test
	void tokensComeBackAtTheRate() {
		TokenBucket bucket = new TokenBucket(10, 5, START);
		drain(bucket, START);

		assertThat(bucket.take(START.plusMillis(99))).isPositive();
		assertThat(bucket.take(START.plusMillis(100))).isZero();
		assertThat(bucket.take(START.plusMillis(150))).isPositive();
		assertThat(bucket.take(START.plusMillis(200))).isZero();
	}

	@Test
	void refillStopsAtTheBurst() {
		TokenBucket bucket = new TokenBucket(10, 5, START);
		drain(bucket, START);
		Instant hourLater = START.plus(Duration.ofHours(1));

		assertThat(bucket.isFullAt(hourLater)).isTrue();
		for (int i = 0; i < 5; i++) {
			assertThat(bucket.take(hourLater)).isZero();
		}
		assertThat(bucket.take(hourLater)).isPositive();
	}

	@Test
	void retryAfterIsTheWholeSecondsUntilTheNextTokenAndAtLeastOne() {
		TokenBucket fast = new TokenBucket(500, 1, START);
		TokenBucket slow = new TokenBucket(0.25, 1, START);
		drain(fast, START);
		drain(slow, START);

		assertThat(fast.take(START)).isEqualTo(1);
		assertThat(slow.take(START)).isEqualTo(4);
		assertThat(slow.take(START.plusMillis(1500))).isEqualTo(3);
		assertThat(slow.take(START.plusMillis(3001))).isEqualTo(1);
	}

	@Test
	void aRefusedRequestTakesNothing() {
		TokenBucket bucket = new TokenBucket(1, 1, START);
		drain(bucket, START);
		for (int i = 0; i < 100; i++) {
			bucket.take(START.plusMillis(i));
		}

		assertThat(bucket.take(START.plusSeconds(1))).isZero();
	}

	@Test
	void instantsFarApartNeitherOverflowNorOverfill() {
		TokenBucket bucket = new TokenBucket(1_000_000, 3, Instant.MIN);
		drain(bucket, Instant.MIN);

		assertThat(bucket.isFullAt(Instant.MAX)).isTrue();
		for (int i = 0; i < 3; i++) {
			assertThat(bucket.take(Instant.MAX)).isZero();
		}
		assertThat(bucket.take(Instant.MAX)).isEqualTo(1);
	}

	@Test
	void aClockThatGoesBackEarnsNothing() {
		TokenBucket bucket = new TokenBucket(1, 2, START);
		drain(bucket, START);

		assertThat(bucket.take(START.minusSeconds(3600))).isPositive();
		assertThat(bucket.take(START.plusMillis(999))).isPositive();
		assertThat(bucket.take(START.plusSeconds(1))).isZero();
	}

	@Test
	void aVerySlowRateGivesALongWaitWithoutOverflow() {
		TokenBucket bucket = new TokenBucket(Double.MIN_VALUE, 1, START);
		drain(bucket, START);

		assertThat(bucket.take(START.plusSeconds(86_400))).isEqualTo(Long.MAX_VALUE);
	}

	private static void drain(TokenBucket bucket, Instant at) {
		while (bucket.take(at) == 0) {
			// take every token there is
		}
	}

}
