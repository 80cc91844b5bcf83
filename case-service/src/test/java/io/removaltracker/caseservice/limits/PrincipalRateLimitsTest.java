package io.removaltracker.caseservice.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PrincipalRateLimitsTest {

	private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T09:00:00Z"));

	@Test
	void eachPrincipalHasItsOwnAllowance() {
		PrincipalRateLimits limits = new PrincipalRateLimits(1, 2, this.clock);

		assertThat(limits.admit("intake-portal")).isZero();
		assertThat(limits.admit("intake-portal")).isZero();
		assertThat(limits.admit("intake-portal")).isEqualTo(1);
		assertThat(limits.admit("border-system")).isZero();
		assertThat(limits.admit("border-system")).isZero();

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(limits.admit("intake-portal")).isZero();
	}

	@Test
	void bucketsOfQuietPrincipalsAreDroppedOnceTheMapHasGrown() {
		PrincipalRateLimits limits = new PrincipalRateLimits(10, 10, this.clock);
		int early = PrincipalRateLimits.SWEEP_AT_LEAST + 1;
		for (int i = 0; i < early; i++) {
			limits.admit("early-" + i);
		}
		// A sweep ran at the last of them and kept them all: each is still refilling.
		assertThat(limits.tracked()).isEqualTo(early);

		this.clock.advance(Duration.ofSeconds(1));
		int late = early + 1;
		for (int i = 0; i < late; i++) {
			limits.admit("late-" + i);
		}

		// The map doubled, and the early principals' buckets, full again, were dropped.
		assertThat(limits.tracked()).isEqualTo(late);
	}

	@Test
	void aPrincipalStillRefillingKeepsItsBucketThroughASweep() {
		PrincipalRateLimits limits = new PrincipalRateLimits(1, 1, this.clock);
		limits.admit("flooder");
		for (int i = 0; i <= PrincipalRateLimits.SWEEP_AT_LEAST; i++) {
			limits.admit("client-" + i);
		}

		assertThat(limits.admit("flooder")).isEqualTo(1);
	}

	@Test
	void settingsOutOfRangeAreRefusedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PrincipalRateLimits(0, 10, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new PrincipalRateLimits(Double.NaN, 10, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new PrincipalRateLimits(10, 0, this.clock));
	}

	private static final class SettableClock extends Clock {

		private Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
