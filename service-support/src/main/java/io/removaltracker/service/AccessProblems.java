package io.removaltracker.service;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A refused request answered in {@link ProblemHandling}'s shape ({@code type},
 * {@code title}, {@code status}, {@code detail} as {@code application/problem+json}).
 * Spring Security's bearer-token handlers set the status and the {@code WWW-Authenticate}
 * header (RFC 6750: {@code error}, {@code error_description}, {@code scope}); the body is
 * added after them. The security filters answer before any controller runs, so a refused
 * request writes nothing.
 */
public final class AccessProblems
		implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

	/**
	 * 401: no token, or one that is malformed, expired, badly signed or from another
	 * issuer.
	 */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.bearerEntryPoint.commence(request, response, ex);
		if (ex instanceof OAuth2AuthenticationException oauth) {
			String reason = (oauth.getError().getDescription() != null) ? oauth.getError().getDescription()
					: oauth.getError().getErrorCode();
			write(response, HttpStatus.UNAUTHORIZED, "invalid-token", "Bearer token not accepted",
					"The bearer token was refused: " + reason);
		}
		else {
			write(response, HttpStatus.UNAUTHORIZED, "missing-token", "Bearer token required",
					"This endpoint needs an OAuth 2.0 bearer token from the configured issuer "
							+ "(Authorization: Bearer <token>)");
		}
	}

	/** 403: a valid token without the scope this path needs. */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		this.bearerDenied.handle(request, response, ex);
		String detail = AccessRules.ruleFor(request)
			.map((rule) -> "This request needs a token with the scope " + rule.scope())
			.orElse("Nothing at this path is open to any scope");
		write(response, HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope", detail);
	}

	/**
	 * A token that could not be checked because the issuer's keys could not be fetched is
	 * no caller's fault: 503, try again, as for any other dependency that is away.
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		if (ex instanceof AuthenticationServiceException) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			write(response, HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
					"The token issuer's keys cannot be fetched now; retry shortly");
		}
		else {
			commence(request, response, ex);
		}
	}

	private static void write(HttpServletResponse response, HttpStatus status, String rule, String title, String detail)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemHandling.TYPE_PREFIX + rule);
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(JSON.writeValueAsBytes(problem));
	}

}
