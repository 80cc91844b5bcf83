package io.removaltracker.registry;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The principals and the body limit as a launcher or a container sets them. */
class RegistryPropertiesTest {

	@Test
	void principalsBindFromTheEnvironmentAndNeverPrintTheirPasswords() {
		RegistryProperties properties = bind(Map.of("REGISTRY_TOPIC", "_schemas",
				"REGISTRY_PRINCIPALS_OPERATOR_PASSWORD", "s3cret-admin", "REGISTRY_PRINCIPALS_OPERATOR_ADMIN", "true",
				"REGISTRY_PRINCIPALS_UPSTREAM_PASSWORD", "s3cret-reader"));

		assertThat(properties.principals()).containsOnlyKeys("operator", "upstream");
		assertThat(properties.principals().get("operator").admin()).isTrue();
		assertThat(properties.principals().get("upstream").admin()).isFalse();
		assertThat(properties.toString()).doesNotContain("s3cret");
		assertThat(RegistryPrincipals.of(properties.principals()).toString())
			.isEqualTo("RegistryPrincipals[operator (admin), upstream]");
	}

	@Test
	void withoutSettingsTheRegistryIsOpenAndTakesOneMebibyte() {
		RegistryProperties properties = bind(Map.of("REGISTRY_TOPIC", "_schemas"));

		assertThat(RegistryPrincipals.of(properties.principals()).open()).isTrue();
		assertThat(properties.maxRequestBytes()).isEqualTo(DataSize.ofMegabytes(1));
	}

	private static RegistryProperties bind(Map<String, Object> environment) {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					"test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		return Binder.get(env).bindOrCreate("registry", RegistryProperties.class);
	}

}
