package io.removaltracker.service;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is an OAuth 2.0 resource server: a JWT bearer token from the configured
 * issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, Spring Boot's
 * decoder), and for each path the scope of {@link AccessRules}. Boot builds the decoder
 * from the issuer on the first token it checks, so a service starts while the issuer is
 * still away; until the issuer answers, requests with a token get 503.
 * <p>
 * Browser pages (reporting-service's dashboard) are the one extension: a service declares
 * its own {@link SecurityFilterChain} for them, matched only to their paths and ordered
 * at {@link #PAGES_ORDER}, ahead of this one.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		OAuth2ResourceServerWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AccessControl {

	/** The order of a service's own chain for its browser pages: before the API's. */
	public static final int PAGES_ORDER = 10;

	/**
	 * The order of the bearer-token chain, which takes every request no page chain took.
	 */
	public static final int API_ORDER = 100;

	@Bean
	@Order(API_ORDER)
	SecurityFilterChain bearerTokenApi(HttpSecurity http, JwtDecoder decoder) throws Exception {
		AccessProblems problems = new AccessProblems();
		http.authorizeHttpRequests((requests) -> {
			// An asynchronous re-dispatch (the SSE stream) or an error page belongs to a
			// request that was already let through.
			requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
			requests.requestMatchers(AccessRules.openProbes()).permitAll();
			requests.requestMatchers(AccessRules.apiDocs()).authenticated();
			for (AccessRules.Rule rule : AccessRules.RULES) {
				requests.requestMatchers(rule.matcher()).hasAuthority(rule.authority());
			}
			requests.anyRequest().denyAll();
		})
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(new IssuerAwayIsUnavailable(decoder)))
						.authenticationEntryPoint(problems)
						.accessDeniedHandler(problems)
						.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
							@Override
							public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
								filter.setAuthenticationFailureHandler(problems);
								return filter;
							}
						}))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// Each request carries its token: no session, so nothing for CSRF to use.
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

	/**
	 * Boot's health endpoint, except that the names of the health groups are listed only
	 * to a caller who may see the components: an anonymous probe gets the status alone.
	 */
	@Bean
	HealthEndpointWebExtension healthEndpointWebExtension(HealthContributorRegistry registry,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry, HealthEndpointGroups groups,
			HealthEndpointProperties properties) {
		return new StatusOnlyHealth(registry, reactiveRegistry.getIfAvailable(), groups,
				properties.getLogging().getSlowIndicatorThreshold());
	}

	private static final class StatusOnlyHealth extends HealthEndpointWebExtension {

		StatusOnlyHealth(HealthContributorRegistry registry, ReactiveHealthContributorRegistry reactiveRegistry,
				HealthEndpointGroups groups, Duration slowContributorLoggingThreshold) {
			super(registry, reactiveRegistry, groups, slowContributorLoggingThreshold);
		}

		@Override
		protected HealthDescriptor aggregateDescriptors(ApiVersion apiVersion,
				Map<String, HealthDescriptor> contributions, StatusAggregator statusAggregator, boolean showComponents,
				Set<String> groupNames) {
			return super.aggregateDescriptors(apiVersion, contributions, statusAggregator, showComponents,
					showComponents ? groupNames : null);
		}

	}

	/**
	 * Boot's decoder fetches the issuer's configuration on first use and throws an
	 * unchecked initialisation error while the issuer cannot be reached; as a
	 * {@link JwtException} it becomes a 503 instead of a 500, and the next token tries
	 * again.
	 */
	private record IssuerAwayIsUnavailable(JwtDecoder delegate) implements JwtDecoder {

		@Override
		public Jwt decode(String token) {
			try {
				return this.delegate.decode(token);
			}
			catch (JwtDecoderInitializationException ex) {
				throw new JwtException("The token issuer cannot be reached: " + ex.getMessage(), ex);
			}
		}

	}

}
