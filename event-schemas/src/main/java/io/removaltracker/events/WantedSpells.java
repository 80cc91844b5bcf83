package io.removaltracker.events;

import java.time.Instant;

/**
 * Wanted spells (docs/contract.md, Wanted flags and Figures), shared by the wanted list,
 * the national figures and the simulator's bookkeeping: a wanted spell runs from a flag's
 * {@code wantedSince} to its {@code clearedAt}, which a clear sets and a raise leaves
 * empty.
 */
public final class WantedSpells {

	private WantedSpells() {
	}

	/**
	 * Whether the spell is still running, so the case is wanted now. The clock is not
	 * asked: an event may be dated up to five minutes ahead (docs/contract.md, Intake),
	 * and the flag it raises counts from the moment it is written.
	 */
	public static boolean isOpen(Instant wantedSince, Instant clearedAt) {
		return wantedSince != null && clearedAt == null;
	}

	/**
	 * Whether the spell covers the instant, as the wanted trend counts it: wanted from
	 * {@code wantedSince} on, no longer wanted from {@code clearedAt} on.
	 */
	public static boolean covers(Instant wantedSince, Instant clearedAt, Instant instant) {
		return !wantedSince.isAfter(instant) && (clearedAt == null || clearedAt.isAfter(instant));
	}

}
