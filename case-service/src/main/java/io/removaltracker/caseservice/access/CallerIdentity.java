package io.removaltracker.caseservice.access;

import io.removaltracker.caseservice.rules.ReportedBy;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The caller of the HTTP request being served, as {@link ReportedBy} names a token's
 * holder. Read after Spring Security has authenticated and authorized the request, so a
 * refused request never gets here.
 */
public final class CallerIdentity {

	/** No authentication at all: only where no resource server is configured. */
	public static final String ANONYMOUS = "anonymous";

	private CallerIdentity() {
	}

	public static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return ANONYMOUS;
		}
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			return ReportedBy.fromToken(token.getTokenAttributes()).orElseGet(authentication::getName);
		}
		return authentication.getName();
	}

}
