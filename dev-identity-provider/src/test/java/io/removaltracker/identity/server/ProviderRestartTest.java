package io.removaltracker.identity.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.removaltracker.identity.DevIdentityProviderApplication;
import io.removaltracker.identity.credentials.DevelopmentCredentials;
import io.removaltracker.identity.credentials.DevelopmentCredentials.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start writes the credentials and the signing key, readable by their owner
 * only; a second start on the same files reuses both, so secrets in scripts and tokens
 * already issued keep working.
 */
class ProviderRestartTest {

	@TempDir
	Path dataDir;

	@Test
	void secondStartReusesTheCredentialsAndTheSigningKey() throws Exception {
		Path credentialsFile = this.dataDir.resolve("credentials.json");
		Path keyFile = this.dataDir.resolve("identity-signing-key.json");
		String tokenFromFirstStart;
		String credentialsAtFirstStart;
		String keyAtFirstStart;
		try (ConfigurableApplicationContext first = start(credentialsFile)) {
			assertThat(first.getBean(DevelopmentCredentials.class).outcome())
				.isEqualTo(DevelopmentCredentials.Outcome.CREATED);
			assertThat(Files.getPosixFilePermissions(credentialsFile))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			Client upstream = first.getBean(DevelopmentCredentials.class).client("upstream");
			tokenFromFirstStart = Provider.of(first)
				.accessToken(upstream.clientId(), upstream.clientSecret(), "events:write");
			credentialsAtFirstStart = Files.readString(credentialsFile);
			keyAtFirstStart = Files.readString(keyFile);
		}

		try (ConfigurableApplicationContext second = start(credentialsFile)) {
			DevelopmentCredentials credentials = second.getBean(DevelopmentCredentials.class);
			assertThat(credentials.outcome()).isEqualTo(DevelopmentCredentials.Outcome.REUSED);
			assertThat(Files.readString(credentialsFile)).isEqualTo(credentialsAtFirstStart);
			assertThat(Files.readString(keyFile)).isEqualTo(keyAtFirstStart);
			Provider provider = Provider.of(second);
			// Same key and secret: the old token verifies, the secret still works.
			assertThat(provider.verifiedClaims(tokenFromFirstStart).getStringClaim("client_id")).isEqualTo("upstream");
			Client upstream = credentials.client("upstream");
			assertThat(provider.clientCredentials(upstream.clientId(), upstream.clientSecret(), "events:write")
				.statusCode()).isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext start(Path credentialsFile) {
		return new SpringApplicationBuilder(DevIdentityProviderApplication.class).run("--server.port=0",
				"--identity.credentials-file=" + credentialsFile, "--identity.issuer=http://127.0.0.1:8084");
	}

}
