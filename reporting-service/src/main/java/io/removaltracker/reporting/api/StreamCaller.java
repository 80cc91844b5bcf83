package io.removaltracker.reporting.api;

import io.removaltracker.events.CallerName;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Whom an open stream counts against: the client a bearer token was issued to, named as
 * case-service names a reporter ({@link CallerName}: the token's {@code client_id}, else
 * {@code azp}, else {@code sub}), or the person signed in to the dashboard, by the name
 * the page shows.
 */
final class StreamCaller {

	/** No authentication at all: only where no resource server is configured. */
	static final String ANONYMOUS = "anonymous";

	private StreamCaller() {
	}

	static String of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return ANONYMOUS;
		}
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			return CallerName.fromClaims(token.getTokenAttributes()).orElse(authentication.getName());
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

}
