package io.removaltracker.registry;

import java.io.IOException;
import java.util.Optional;

import io.removaltracker.registry.RegistryAccess.Right;
import io.removaltracker.registry.RegistryPrincipals.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP basic authentication and the registry's two roles, before anything reads the
 * request: a missing, malformed or wrong credential is 401 with a {@code Basic}
 * challenge, a reader asking for an admin's right 403, both in Confluent's error shape.
 * With no principal configured every request passes (open mode, warned about at start).
 */
class BasicAuthenticationFilter extends OncePerRequestFilter implements Ordered {

	/** Before any filter that could read the body (form parsing, say). */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	static final String CHALLENGE = "Basic realm=\"schema-registry\", charset=\"UTF-8\"";

	private final RegistryPrincipals principals;

	BasicAuthenticationFilter(RegistryPrincipals principals) {
		this.principals = principals;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.principals.open()) {
			chain.doFilter(request, response);
			return;
		}
		String rawPath = request.getRequestURI().substring(request.getContextPath().length());
		String normalisedPath = request.getServletPath()
				+ ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		Right needed = RegistryAccess.required(request.getMethod(), rawPath, normalisedPath);
		if (needed == Right.NONE) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Caller> caller = this.principals.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (caller.isEmpty()) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
			RegistryErrors.write(response, 401, 401,
					"Unauthorized: this registry needs HTTP basic authentication with a registered principal");
			return;
		}
		if (needed == Right.ADMIN && !caller.get().admin()) {
			RegistryErrors.write(response, 403, 403,
					"Forbidden: principal '" + caller.get().name() + "' may not " + request.getMethod() + " "
							+ normalisedPath
							+ "; registering schemas, changing compatibility and deleting need an admin principal");
			return;
		}
		chain.doFilter(request, response);
	}

}
