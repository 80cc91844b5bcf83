package io.removaltracker.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a bearer token names, as the contract puts it (docs/contract.md, Access): its
 * {@code client_id} claim, else {@code azp}, else {@code sub} (a person signed in). One
 * rule for every service: case-service records it as {@code reportedBy} and in the access
 * audit, and counts intake rates by it; reporting-service counts live streams by it.
 */
public final class CallerName {

	/** The claims tried in order: the client first, then the person. */
	public static final List<String> CLAIMS = List.of("client_id", "azp", "sub");

	private CallerName() {
	}

	/**
	 * The first of {@code client_id}, {@code azp}, {@code sub} that is a non-blank
	 * string; empty when none is.
	 */
	public static Optional<String> fromClaims(Map<String, ?> claims) {
		for (String claim : CLAIMS) {
			if (claims.get(claim) instanceof String value && !value.isBlank()) {
				return Optional.of(value);
			}
		}
		return Optional.empty();
	}

}
