package io.removaltracker.events;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WantedYearsTest {

	private static final Instant SINCE = Instant.parse("2021-06-30T23:59:59Z");

	@Test
	void yearsAreReachedAtTheSameInstantCalendarYearsLater() {
		assertThat(WantedYears.atLeast(SINCE, 3, Instant.parse("2024-06-30T23:59:58Z"))).isFalse();
		assertThat(WantedYears.atLeast(SINCE, 3, Instant.parse("2024-06-30T23:59:59Z"))).isTrue();
		assertThat(WantedYears.atLeast(SINCE, 0, SINCE)).isTrue();
	}

	@Test
	void leapDayReachesItsYearOnTheTwentyEighth() {
		Instant leap = Instant.parse("2020-02-29T12:00:00Z");

		assertThat(WantedYears.atLeast(leap, 1, Instant.parse("2021-02-28T11:59:59Z"))).isFalse();
		assertThat(WantedYears.atLeast(leap, 1, Instant.parse("2021-02-28T12:00:00Z"))).isTrue();
		assertThat(WantedYears.atLeast(leap, 4, Instant.parse("2024-02-29T12:00:00Z"))).isTrue();
	}

}
