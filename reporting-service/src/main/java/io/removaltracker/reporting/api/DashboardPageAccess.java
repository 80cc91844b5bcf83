package io.removaltracker.reporting.api;

import io.removaltracker.service.AccessControl;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The dashboard page and its assets, the one part of the service a browser opens: their
 * own chain, ahead of service-support's bearer-token chain, which still guards the
 * figures and the stream the page reads. The page itself holds no figures and is served
 * to anyone; signing a person in through the issuer (authorization code with PKCE,
 * contract section 7) is added to this chain separately.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPageAccess {

	@Bean
	@Order(AccessControl.PAGES_ORDER)
	SecurityFilterChain dashboardPage(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder get = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(
				new OrRequestMatcher(get.matcher(HttpMethod.GET, "/"), get.matcher(HttpMethod.GET, "/index.html"),
						get.matcher(HttpMethod.GET, "/dashboard.css"), get.matcher(HttpMethod.GET, "/dashboard.js")))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
