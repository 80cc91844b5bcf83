package io.removaltracker.localstack;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackOffTest {

	private final RestartBackOff backOff = new RestartBackOff();

	@Test
	void pausesDoubleFromOneSecondUpToThirty() {
		assertThat(pauses(7, Duration.ofSeconds(5))).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
	}

	@Test
	void aPartThatStayedUpAMinuteStartsThePausesOver() {
		pauses(4, Duration.ofSeconds(5));
		assertThat(this.backOff.afterDeath(Duration.ofSeconds(61)).toSeconds()).isEqualTo(1);
		assertThat(this.backOff.afterDeath(Duration.ofSeconds(3)).toSeconds()).isEqualTo(2);
	}

	private Long[] pauses(int deaths, Duration uptime) {
		Long[] pauses = new Long[deaths];
		for (int i = 0; i < deaths; i++) {
			pauses[i] = this.backOff.afterDeath(uptime).toSeconds();
		}
		return pauses;
	}

}
