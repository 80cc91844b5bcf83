package io.removaltracker.caseservice;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in for the resource server in tests: a request with
 * {@code Authorization: Bearer test:client_id=officer-console,sub=...} is served as
 * Spring Security would serve one with a validated JWT carrying those claims. Added to a
 * context as a source ({@code @Import}, or {@code SpringApplicationBuilder}); not a
 * component, so no other test picks it up by scanning.
 */
public class TestBearerTokens extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer test:";

	/** The header value of a test token with these claims. */
	public static String bearer(String claims) {
		return PREFIX + claims;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.startsWith(PREFIX)) {
			chain.doFilter(request, response);
			return;
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		for (String claim : authorization.substring(PREFIX.length()).split(",")) {
			String[] nameAndValue = claim.split("=", 2);
			claims.put(nameAndValue[0], nameAndValue[1]);
		}
		Jwt jwt = Jwt.withTokenValue(authorization.substring("Bearer ".length()))
			.header("alg", "RS256")
			.claims((all) -> all.putAll(claims))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(300))
			.build();
		SecurityContextHolder.getContext()
			.setAuthentication(new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("SCOPE_cases:read"),
					new SimpleGrantedAuthority("SCOPE_events:write"))));
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
