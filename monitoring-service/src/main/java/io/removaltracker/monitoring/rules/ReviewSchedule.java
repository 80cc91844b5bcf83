package io.removaltracker.monitoring.rules;

import java.time.Instant;

import io.removaltracker.events.WantedYears;

import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.wanted.WantedFlagEvent;

/**
 * When a wanted case must be reviewed (docs/contract.md, Enforcement work). Criminal
 * cases (SERIOUS or CRIMINAL) one calendar year (UTC) after the latest of
 * {@code wantedSince} and the reviews completed during the current wanted spell, others
 * three years after. A case is overdue once that instant has passed.
 */
public final class ReviewSchedule {

	private ReviewSchedule() {
	}

	/** The first due date of a spell, before any review. */
	public static Instant reviewDue(Instant wantedSince, Criminality criminality) {
		return reviewDue(wantedSince, null, criminality);
	}

	/**
	 * The due date counted from the later of the two instants, as the contract says. Only
	 * around 29 February does that differ from keeping the latest due date: a spell from
	 * 28 February 2024 12:00 is first due 28 February 2025 12:00, and a review on 29
	 * February 2024 10:00 makes it due 28 February 2025 10:00, two hours earlier.
	 * @param latestReview the latest review of the current spell, or null when none
	 */
	public static Instant reviewDue(Instant wantedSince, Instant latestReview, Criminality criminality) {
		Instant from = (latestReview != null && latestReview.isAfter(wantedSince)) ? latestReview : wantedSince;
		return WantedYears.plusYears(from, (criminality == Criminality.NONE) ? 3 : 1);
	}

	/**
	 * The flag's due date; flags written before reviews were recorded carry none, and
	 * theirs is the first due date of their spell.
	 */
	public static Instant reviewDue(WantedFlagEvent flag) {
		return (flag.getReviewDue() != null) ? flag.getReviewDue()
				: reviewDue(flag.getWantedSince(), flag.getCriminality());
	}

	/** The later of the spell's latest review so far (null: none) and a new one. */
	public static Instant latestReview(Instant latestSoFar, Instant reviewedAt) {
		return (latestSoFar != null && latestSoFar.isAfter(reviewedAt)) ? latestSoFar : reviewedAt;
	}

	public static boolean overdue(Instant reviewDue, Instant now) {
		return reviewDue.isBefore(now);
	}

	public static boolean overdue(Instant wantedSince, Criminality criminality, Instant now) {
		return overdue(reviewDue(wantedSince, criminality), now);
	}

}
