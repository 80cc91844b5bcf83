package io.removaltracker.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KafkaCredentialsTest {

	@TempDir
	Path dir;

	@Test
	void theUpstreamEntryOfTheCredentialsFileBecomesScramClientSettings() throws Exception {
		Path file = this.dir.resolve("credentials.json");
		Files.writeString(file, """
				{"kafka": {"upstream": {"mechanism": "SCRAM-SHA-512", "username": "upstream", "password": "pw-1"}}}
				""");

		Map<String, Object> config = KafkaCredentials.fromCredentialsFile(file, "upstream");

		assertThat(config).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"upstream\" password=\"pw-1\";")
			.doesNotContainKey("ssl.truststore.location");
	}

	@Test
	void aSecurityProtocolAndACaFileMakeTlsSettings() throws Exception {
		Path file = this.dir.resolve("credentials.json");
		Files.writeString(file, """
				{"kafka": {"upstream": {"mechanism": "SCRAM-SHA-512", "username": "u", "password": "p",
				  "securityProtocol": "SASL_SSL", "caFile": "/etc/ca.pem"}}}
				""");

		assertThat(KafkaCredentials.fromCredentialsFile(file, "upstream"))
			.containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("ssl.truststore.type", "PEM")
			.containsEntry("ssl.truststore.location", "/etc/ca.pem");
	}

	@Test
	void quotesAndBackslashesInAPasswordAreEscapedForJaas() {
		assertThat(KafkaCredentials.jaasConfig("PLAIN", "a", "x\"y\\z")).isEqualTo(
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\" password=\"x\\\"y\\\\z\";");
	}

	@Test
	void aMissingEntryIsToldWithoutAnySecret() throws Exception {
		Path file = this.dir.resolve("credentials.json");
		Files.writeString(file, "{\"kafka\": {\"admin\": {\"username\": \"admin\", \"password\": \"secret-9\"}}}");

		assertThatIllegalStateException().isThrownBy(() -> KafkaCredentials.fromCredentialsFile(file, "upstream"))
			.withMessageContaining("kafka.upstream")
			.withMessageNotContaining("secret-9");
	}

}
