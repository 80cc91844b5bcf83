package io.removaltracker.reporting.api;

import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Whom an open stream counts against: the client a bearer token was issued to, named as
 * case-service names a reporter (the token's {@code client_id}, else {@code azp}, else
 * {@code sub}: contract section 7), or the person signed in to the dashboard, by the name
 * the page shows.
 */
final class StreamCaller {

	/** No authentication at all: only where no resource server is configured. */
	static final String ANONYMOUS = "anonymous";

	/** The claims tried in order: the client first, then the person. */
	private static final List<String> CLAIMS = List.of("client_id", "azp", "sub");

	private StreamCaller() {
	}

	static String of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return ANONYMOUS;
		}
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			return fromClaims(token.getTokenAttributes(), authentication.getName());
		}
		return personName(authentication);
	}

	/** A person signed in through the dashboard, as the page names them. */
	static String personName(Authentication authentication) {
		if (authentication.getPrincipal() instanceof OidcUser person && person.getPreferredUsername() != null) {
			return person.getPreferredUsername();
		}
		return authentication.getName();
	}

	private static String fromClaims(Map<String, ?> claims, String otherwise) {
		for (String claim : CLAIMS) {
			if (claims.get(claim) instanceof String value && !value.isBlank()) {
				return value;
			}
		}
		return otherwise;
	}

}
