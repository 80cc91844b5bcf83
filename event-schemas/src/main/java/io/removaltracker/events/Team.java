package io.removaltracker.events;

import java.util.regex.Pattern;

/**
 * The enforcement team (docs/contract.md, Enforcement work), shared by intake validation,
 * the wanted list's filter and the simulator: 1-32 characters of {@code A-Z 0-9 -}. Teams
 * are not a fixed list, so a new team needs no release.
 */
public final class Team {

	/** What a valid team looks like, for the messages that refuse one. */
	public static final String EXPECTED = "1-32 characters of A-Z 0-9 - (e.g. GTA-EAST-2)";

	private static final Pattern TEAM = Pattern.compile("[A-Z0-9-]{1,32}");

	private Team() {
	}

	/** Whether the value is a team the contract accepts. */
	public static boolean isValid(String value) {
		return value != null && TEAM.matcher(value).matches();
	}

}
