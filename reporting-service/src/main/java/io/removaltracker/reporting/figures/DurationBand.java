package io.removaltracker.reporting.figures;

import java.time.Instant;

import io.removaltracker.events.WantedYears;

/** The keys of {@code wanted.byDuration}: how many whole years a case has been wanted. */
public enum DurationBand {

	UNDER_1_YEAR, ONE_TO_TWO_YEARS, TWO_TO_THREE_YEARS, THREE_YEARS_OR_MORE;

	/**
	 * The band of a case wanted since {@code wantedSince}, at the instant {@code asOf}.
	 */
	static DurationBand of(Instant wantedSince, Instant asOf) {
		if (WantedYears.atLeast(wantedSince, 3, asOf)) {
			return THREE_YEARS_OR_MORE;
		}
		if (WantedYears.atLeast(wantedSince, 2, asOf)) {
			return TWO_TO_THREE_YEARS;
		}
		return WantedYears.atLeast(wantedSince, 1, asOf) ? ONE_TO_TWO_YEARS : UNDER_1_YEAR;
	}

}
