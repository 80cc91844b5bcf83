package io.removaltracker.events;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Years wanted (docs/contract.md, Figures), shared by the wanted list and the national
 * figures: a case is wanted at least N years when {@code wantedSince} plus N calendar
 * years (UTC) is at or before the instant asked about. A flag raised on 29 February
 * reaches its first year on 28 February, as {@code plusYears} does.
 */
public final class WantedYears {

	private WantedYears() {
	}

	public static boolean atLeast(Instant wantedSince, int years, Instant asOf) {
		return !plusYears(wantedSince, years).isAfter(asOf);
	}

	public static Instant plusYears(Instant instant, int years) {
		return instant.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
	}

}
