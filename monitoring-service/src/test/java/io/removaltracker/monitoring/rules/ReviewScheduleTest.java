package io.removaltracker.monitoring.rules;

import java.time.Instant;

import io.removaltracker.events.common.Criminality;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewScheduleTest {

	private static final Instant SINCE = Instant.parse("2021-06-30T23:59:59Z");

	@Test
	void criminalCasesAreReviewedAfterOneYearOthersAfterThree() {
		assertThat(ReviewSchedule.reviewDue(SINCE, Criminality.SERIOUS)).isEqualTo("2022-06-30T23:59:59Z");
		assertThat(ReviewSchedule.reviewDue(SINCE, Criminality.CRIMINAL)).isEqualTo("2022-06-30T23:59:59Z");
		assertThat(ReviewSchedule.reviewDue(SINCE, Criminality.NONE)).isEqualTo("2024-06-30T23:59:59Z");
	}

	@Test
	void overdueOnlyAfterTheDueInstant() {
		assertThat(ReviewSchedule.overdue(SINCE, Criminality.SERIOUS, Instant.parse("2022-06-30T23:59:59Z"))).isFalse();
		assertThat(ReviewSchedule.overdue(SINCE, Criminality.SERIOUS, Instant.parse("2022-07-01T00:00:00Z"))).isTrue();
	}

}
