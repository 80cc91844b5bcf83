package io.removaltracker.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call the registry ({@code registry.principals.*}) and how large a request may
 * be ({@code registry.max-request-bytes}), as two servlet filters ahead of the REST
 * controller.
 */
@Configuration(proxyBeanMethods = false)
class RegistryAccessConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RegistryAccessConfiguration.class);

	@Bean
	RegistryPrincipals registryPrincipals(RegistryProperties properties) {
		RegistryPrincipals principals = RegistryPrincipals.of(properties.principals());
		if (principals.open()) {
			log.warn("*** The schema registry is OPEN: no registry.principals are configured, so anyone who can"
					+ " reach it may register schemas and change compatibility (NONE included). Configure"
					+ " registry.principals.<name>.password and .admin=true for any shared use. ***");
		}
		else {
			log.info("Schema registry principals (HTTP basic authentication): {}", principals.describe());
		}
		return principals;
	}

	@Bean
	BasicAuthenticationFilter basicAuthenticationFilter(RegistryPrincipals principals) {
		return new BasicAuthenticationFilter(principals);
	}

	@Bean
	RequestBodyLimitFilter requestBodyLimitFilter(RegistryProperties properties) {
		return new RequestBodyLimitFilter(properties.maxRequestBytes().toBytes());
	}

}
