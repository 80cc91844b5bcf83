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

	@Test
	void fromTwentyNinthFebruaryTheDueDateIsTwentyEighthFebruaryWhenThatYearHasNone() {
		Instant leapDay = Instant.parse("2024-02-29T08:30:00Z");

		assertThat(ReviewSchedule.reviewDue(leapDay, Criminality.SERIOUS)).isEqualTo("2025-02-28T08:30:00Z");
		assertThat(ReviewSchedule.reviewDue(leapDay, Criminality.NONE)).isEqualTo("2027-02-28T08:30:00Z");
		assertThat(ReviewSchedule.reviewDue(Instant.parse("2021-02-28T08:30:00Z"), Criminality.NONE))
			.isEqualTo("2024-02-28T08:30:00Z");
		assertThat(ReviewSchedule.reviewDue(Instant.parse("2023-03-01T00:00:00Z"), leapDay, Criminality.CRIMINAL))
			.isEqualTo("2025-02-28T08:30:00Z");
	}

	@Test
	void yearsAreCountedInUtcAcrossTheYearBoundary() {
		assertThat(ReviewSchedule.reviewDue(Instant.parse("2023-12-31T23:59:59.999Z"), Criminality.SERIOUS))
			.isEqualTo("2024-12-31T23:59:59.999Z");
		assertThat(ReviewSchedule.reviewDue(Instant.parse("2024-01-01T00:00:00Z"), Criminality.NONE))
			.isEqualTo("2027-01-01T00:00:00Z");
		assertThat(ReviewSchedule.reviewDue(Instant.parse("2022-03-01T00:00:00Z"),
				Instant.parse("2022-12-31T23:00:00Z"), Criminality.SERIOUS))
			.isEqualTo("2023-12-31T23:00:00Z");
	}

	@Test
	void theDueDateCountsFromTheLatestOfWantedSinceAndTheReviews() {
		assertThat(ReviewSchedule.reviewDue(SINCE, null, Criminality.SERIOUS)).isEqualTo("2022-06-30T23:59:59Z");
		assertThat(ReviewSchedule.reviewDue(SINCE, Instant.parse("2022-01-10T12:00:00Z"), Criminality.SERIOUS))
			.isEqualTo("2023-01-10T12:00:00Z");
		assertThat(ReviewSchedule.reviewDue(SINCE, Instant.parse("2022-01-10T12:00:00Z"), Criminality.NONE))
			.isEqualTo("2025-01-10T12:00:00Z");
		// A review dated before the spell began does not bring its date forward.
		assertThat(ReviewSchedule.reviewDue(SINCE, Instant.parse("2021-01-01T00:00:00Z"), Criminality.SERIOUS))
			.isEqualTo("2022-06-30T23:59:59Z");
	}

	@Test
	void theLatestReviewIsTheLaterOne() {
		Instant first = Instant.parse("2022-01-10T12:00:00Z");
		Instant backdated = Instant.parse("2021-12-01T12:00:00Z");

		assertThat(ReviewSchedule.latestReview(null, first)).isEqualTo(first);
		assertThat(ReviewSchedule.latestReview(first, backdated)).isEqualTo(first);
		assertThat(ReviewSchedule.latestReview(backdated, first)).isEqualTo(first);
	}

	@Test
	void aReviewOnTwentyNinthFebruaryCanBringTheDueDateForward() {
		// Counted from the latest instant, as the contract says, not the latest due date.
		Instant since = Instant.parse("2024-02-28T12:00:00Z");

		assertThat(ReviewSchedule.reviewDue(since, Instant.parse("2024-02-29T10:00:00Z"), Criminality.SERIOUS))
			.isEqualTo("2025-02-28T10:00:00Z")
			.isBefore(ReviewSchedule.reviewDue(since, Criminality.SERIOUS));
	}

	@Test
	void overdueWhenTheDueInstantIsBeforeTheRequest() {
		Instant due = Instant.parse("2025-02-28T10:00:00Z");

		assertThat(ReviewSchedule.overdue(due, due)).isFalse();
		assertThat(ReviewSchedule.overdue(due, due.plusMillis(1))).isTrue();
	}

}
