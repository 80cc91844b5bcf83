package io.removaltracker.monitoring.rules;

import java.time.Instant;

import io.removaltracker.events.WantedYears;

import io.removaltracker.events.common.Criminality;

/**
 * When a wanted case must be reviewed: criminal cases (SERIOUS or CRIMINAL) a year after
 * they became wanted, others three years after, in calendar years (UTC). Reviews are not
 * recorded anywhere yet, so the first due date is the one shown, and a case past it stays
 * overdue.
 */
public final class ReviewSchedule {

	private ReviewSchedule() {
	}

	public static Instant reviewDue(Instant wantedSince, Criminality criminality) {
		return WantedYears.plusYears(wantedSince, (criminality == Criminality.NONE) ? 3 : 1);
	}

	public static boolean overdue(Instant wantedSince, Criminality criminality, Instant now) {
		return now.isAfter(reviewDue(wantedSince, criminality));
	}

}
