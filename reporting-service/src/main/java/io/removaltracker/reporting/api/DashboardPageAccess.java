package io.removaltracker.reporting.api;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.removaltracker.reporting.ReportingProperties;
import io.removaltracker.service.AccessControl;
import io.removaltracker.service.AccessProblems;
import io.removaltracker.service.AccessRules;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The browser's way in (docs/contract.md, Access): a person opens the dashboard, is sent
 * to the issuer to sign in (authorization code with PKCE, as the public client of
 * {@code reporting-service.dashboard-client-id}), and comes back with a session; the page
 * then reads the figures and the stream with that session, which holds the scopes the
 * issuer granted. This chain takes only requests without an {@code Authorization} header:
 * a client that brings a bearer token goes to service-support's chain and is checked like
 * any API caller. The figures asked for without a token and without a session are 401 as
 * problem+json, never a redirect.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPageAccess {

	private static final Logger log = LoggerFactory.getLogger(DashboardPageAccess.class);

	static final String WHO_PATH = "/api/v1/me";

	@Bean
	ClientRegistrationRepository dashboardClientRegistrations(
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
			ReportingProperties properties) {
		return new IssuerClientRegistrations(issuer, properties.issuerBackChannel(), properties.dashboardClientId());
	}

	@Bean
	@Order(AccessControl.PAGES_ORDER)
	SecurityFilterChain dashboardPage(HttpSecurity http, ClientRegistrationRepository clients) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestMatcher page = new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/"),
				paths.matcher(HttpMethod.GET, "/index.html"));
		RequestMatcher assets = new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/dashboard.css"),
				paths.matcher(HttpMethod.GET, "/dashboard.js"));
		RequestMatcher api = new OrRequestMatcher(paths.matcher("/api/v1/stats"), paths.matcher("/api/v1/stats/stream"),
				paths.matcher(WHO_PATH));
		RequestMatcher signIn = new OrRequestMatcher(paths.matcher("/oauth2/authorization/**"),
				paths.matcher("/login/oauth2/code/**"), paths.matcher("/logout"));
		RequestMatcher withoutToken = (request) -> request.getHeader(HttpHeaders.AUTHORIZATION) == null;
		AuthorizationRequestRepository<OAuth2AuthorizationRequest> pending = new HttpSessionOAuth2AuthorizationRequestRepository();
		AccessProblems problems = new AccessProblems();
		OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(clients);
		signedOut.setPostLogoutRedirectUri("{baseUrl}/");

		http.securityMatcher(new AndRequestMatcher(withoutToken, new OrRequestMatcher(page, assets, api, signIn)))
			.authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
				// The page's look holds nothing; the page and the figures need a person.
				requests.requestMatchers(assets).permitAll();
				requests.requestMatchers(paths.matcher(WHO_PATH)).authenticated();
				// A person the issuer did not grant stats:read is told so (403), page and
				// figures alike.
				requests.requestMatchers(api, page).hasAuthority("SCOPE_" + AccessRules.STATS_READ);
				requests.anyRequest().authenticated();
			})
			.oauth2Login((login) -> login.clientRegistrationRepository(clients)
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestRepository(pending))
				.defaultSuccessUrl("/", true))
			// The page is the one place a browser signs in for: back to it with a clean
			// address, no remembered request.
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.logoutSuccessHandler(signedOut))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(problems, api)
				.defaultAuthenticationEntryPointFor(toTheIssuer(clients, pending), page)
				.accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * Straight to the issuer's authorization endpoint (one 302, as the contract says),
	 * the request remembered in the session for the way back.
	 */
	private static AuthenticationEntryPoint toTheIssuer(ClientRegistrationRepository clients,
			AuthorizationRequestRepository<OAuth2AuthorizationRequest> pending) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(clients,
				"/oauth2/authorization");
		return (request, response, ex) -> {
			OAuth2AuthorizationRequest authorization;
			try {
				authorization = resolver.resolve(request, IssuerClientRegistrations.REGISTRATION_ID);
			}
			catch (RuntimeException issuerAway) {
				log.warn("Cannot send a person to sign in: the issuer's configuration cannot be read ({})",
						issuerAway.getMessage());
				response.setHeader(HttpHeaders.RETRY_AFTER, "5");
				response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
						"The sign-in service cannot be reached; try again shortly");
				return;
			}
			pending.saveAuthorizationRequest(authorization, request, response);
			response.sendRedirect(authorization.getAuthorizationRequestUri());
		};
	}

}
