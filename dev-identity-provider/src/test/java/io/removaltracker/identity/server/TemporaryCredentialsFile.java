package io.removaltracker.identity.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's provider at a credentials file of its own under {@code target/}, not
 * there yet, so the provider writes it; one per test JVM, so test classes share a started
 * provider.
 */
class TemporaryCredentialsFile implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final Path FILE = Path.of("target", "test-credentials", UUID.randomUUID().toString(), "credentials.json")
		.toAbsolutePath();

	/**
	 * The issuer the tests' providers name: not their address, as a proxy would make it.
	 */
	static final String ISSUER = "http://127.0.0.1:8084";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("temporary-credentials-file",
					Map.of("identity.credentials-file", FILE.toString(), "identity.issuer", ISSUER)));
	}

}
