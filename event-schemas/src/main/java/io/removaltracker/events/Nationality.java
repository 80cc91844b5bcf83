package io.removaltracker.events;

import java.util.regex.Pattern;

/**
 * The nationality of an intake event (docs/contract.md, Intake), shared by intake
 * validation and the wanted list's filter: an ISO 3166-1 alpha-3 code, or
 * {@code UNKNOWN}, or {@code STATELESS}. A code is three capital letters A-Z; whether ISO
 * has assigned it is not checked, so a newly assigned code needs no release. An
 * established nationality (Enforcement work) is the same less {@code UNKNOWN}.
 */
public final class Nationality {

	public static final String UNKNOWN = "UNKNOWN";

	public static final String STATELESS = "STATELESS";

	/** What a valid value looks like, for the messages that refuse one. */
	public static final String EXPECTED = "an ISO 3166-1 alpha-3 code (e.g. HTI), UNKNOWN or STATELESS";

	/** What an established nationality looks like, for the messages that refuse one. */
	public static final String EXPECTED_ESTABLISHED = "an ISO 3166-1 alpha-3 code (e.g. HTI) or STATELESS, not UNKNOWN";

	private static final Pattern ALPHA_3 = Pattern.compile("[A-Z]{3}");

	private Nationality() {
	}

	/** Whether the value is a nationality the contract accepts. */
	public static boolean isValid(String value) {
		return isCountryCode(value) || UNKNOWN.equals(value) || STATELESS.equals(value);
	}

	/**
	 * Whether the value can be established by {@code NATIONALITY_ESTABLISHED}: a country
	 * or statelessness. {@code UNKNOWN} is what a case starts from, never a finding.
	 */
	public static boolean isEstablished(String value) {
		return isCountryCode(value) || STATELESS.equals(value);
	}

	/**
	 * Whether the value names a country (an alpha-3 code), as a known nationality or a
	 * removal's destination does.
	 */
	public static boolean isCountryCode(String value) {
		return value != null && ALPHA_3.matcher(value).matches();
	}

}
