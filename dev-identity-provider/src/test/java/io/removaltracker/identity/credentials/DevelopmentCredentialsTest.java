package io.removaltracker.identity.credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.removaltracker.identity.credentials.DevelopmentCredentials.Client;
import io.removaltracker.identity.credentials.DevelopmentCredentials.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DevelopmentCredentialsTest {

	private static final String ISSUER = "http://127.0.0.1:8084";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@Test
	void firstLoadWritesEveryClientAndPersonOfTheContractOwnerOnly() throws Exception {
		Path file = this.dataDir.resolve("data").resolve("credentials.json");

		DevelopmentCredentials credentials = DevelopmentCredentials.loadOrCreate(file, ISSUER);

		assertThat(credentials.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(file.getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		JsonNode written = JSON.readTree(Files.readString(file));
		assertThat(written.get("issuer").asString()).isEqualTo(ISSUER);
		assertThat(written.get("tokenEndpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
		assertThat(written.at("/clients/upstream/scope").asString()).isEqualTo("events:write");
		assertThat(written.at("/clients/officer/scope").asString()).isEqualTo("cases:read wanted:read");
		assertThat(written.at("/clients/dashboard/scope").asString()).isEqualTo("stats:read");
		assertThat(written.at("/clients/metrics/scope").asString()).isEqualTo("metrics:read");
		assertThat(written.at("/users/ops/username").asString()).isEqualTo("ops");
		assertThat(written.at("/users/ops/scope").asString()).isEqualTo("stats:read wanted:read");
		Set<String> secrets = new HashSet<>();
		credentials.clients().values().forEach((client) -> secrets.add(client.clientSecret()));
		secrets.add(credentials.user("ops").password());
		assertThat(secrets).hasSize(5).allSatisfy((secret) -> assertThat(secret).matches("[A-Za-z0-9_-]{43}"));
		assertThat(written.at("/clients/upstream/clientSecret").asString())
			.isEqualTo(credentials.client("upstream").clientSecret());
		try (Stream<Path> left = Files.list(file.getParent())) {
			assertThat(left).as("no temporary file left behind").containsExactly(file);
		}
	}

	@Test
	void firstLoadWritesTheKafkaAndRegistryPrincipalsOfTheContract() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");

		DevelopmentCredentials credentials = DevelopmentCredentials.loadOrCreate(file, ISSUER);

		JsonNode written = JSON.readTree(Files.readString(file));
		for (String principal : List.of("upstream", "auditor", "admin")) {
			assertThat(written.at("/kafka/" + principal + "/mechanism").asString()).isEqualTo("SCRAM-SHA-512");
			assertThat(written.at("/kafka/" + principal + "/username").asString()).isEqualTo(principal);
			assertThat(written.at("/kafka/" + principal + "/password").asString()).matches("[A-Za-z0-9_-]{43}")
				.isEqualTo(credentials.kafka(principal).password());
		}
		for (String principal : List.of("upstream", "admin")) {
			assertThat(written.at("/registry/" + principal + "/username").asString()).isEqualTo(principal);
			assertThat(written.at("/registry/" + principal + "/password").asString()).matches("[A-Za-z0-9_-]{43}")
				.isEqualTo(credentials.registry(principal).password());
		}
		assertThat(credentials.kafka()).containsOnlyKeys("upstream", "auditor", "admin");
		assertThat(credentials.registry()).containsOnlyKeys("upstream", "admin");
		assertThat(credentials.kafka("upstream").password()).isNotEqualTo(credentials.kafka("admin").password());
		String printed = credentials + " " + credentials.kafka() + " " + credentials.registry();
		credentials.kafka().values().forEach((principal) -> assertThat(printed).doesNotContain(principal.password()));
		credentials.registry()
			.values()
			.forEach((principal) -> assertThat(printed).doesNotContain(principal.password()));
	}

	@Test
	void aFileWrittenBeforeKafkaHadCredentialsGetsThemAndKeepsTheRest() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");
		DevelopmentCredentials first = DevelopmentCredentials.loadOrCreate(file, ISSUER);
		var old = (tools.jackson.databind.node.ObjectNode) JSON.readTree(Files.readString(file));
		old.remove("kafka");
		old.remove("registry");
		Files.writeString(file, JSON.writeValueAsString(old));

		DevelopmentCredentials completed = DevelopmentCredentials.loadOrCreate(file, ISSUER);

		assertThat(completed.outcome()).isEqualTo(Outcome.COMPLETED);
		assertThat(completed.client("upstream")).isEqualTo(first.client("upstream"));
		assertThat(completed.kafka()).containsOnlyKeys("upstream", "auditor", "admin");
		assertThat(DevelopmentCredentials.loadOrCreate(file, ISSUER).kafka("auditor").password())
			.isEqualTo(completed.kafka("auditor").password());
	}

	@Test
	void withKafkaTlsEachKafkaPrincipalGetsTheProtocolAndTheCaFileUntilTlsIsOff() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");
		DevelopmentCredentials.KafkaTls tls = new DevelopmentCredentials.KafkaTls("SASL_SSL", "/data/tls/ca.pem");

		DevelopmentCredentials withTls = DevelopmentCredentials.loadOrCreate(file, ISSUER, tls);

		for (String principal : List.of("upstream", "auditor", "admin")) {
			assertThat(withTls.kafka(principal).securityProtocol()).isEqualTo("SASL_SSL");
			assertThat(withTls.kafka(principal).caFile()).isEqualTo("/data/tls/ca.pem");
		}
		JsonNode written = JSON.readTree(Files.readString(file));
		assertThat(written.at("/kafka/upstream/securityProtocol").asString()).isEqualTo("SASL_SSL");
		assertThat(written.at("/kafka/upstream/caFile").asString()).isEqualTo("/data/tls/ca.pem");
		// The identity provider reads the file without a say on TLS: it keeps the fields.
		assertThat(DevelopmentCredentials.loadOrCreate(file, ISSUER).outcome()).isEqualTo(Outcome.REUSED);
		assertThat(DevelopmentCredentials.loadOrCreate(file, ISSUER, tls).outcome()).isEqualTo(Outcome.REUSED);

		DevelopmentCredentials withoutTls = DevelopmentCredentials.loadOrCreate(file, ISSUER, null);

		assertThat(withoutTls.outcome()).isEqualTo(Outcome.COMPLETED);
		assertThat(withoutTls.kafka("upstream").securityProtocol()).isNull();
		assertThat(withoutTls.kafka("upstream").caFile()).isNull();
		assertThat(withoutTls.kafka("upstream").password()).isEqualTo(withTls.kafka("upstream").password());
		assertThat(Files.readString(file)).doesNotContain("securityProtocol", "caFile");
	}

	@Test
	void laterLoadsReuseTheFileUnchanged() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");
		DevelopmentCredentials first = DevelopmentCredentials.loadOrCreate(file, ISSUER);
		String written = Files.readString(file);

		DevelopmentCredentials second = DevelopmentCredentials.loadOrCreate(file, ISSUER);

		assertThat(second.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(Files.readString(file)).isEqualTo(written);
		assertThat(second.client("officer").clientSecret()).isEqualTo(first.client("officer").clientSecret());
		assertThat(second.user("ops").password()).isEqualTo(first.user("ops").password());
	}

	@Test
	void entriesOfOtherPartsAreKeptAndMissingClientsAdded() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");
		Files.writeString(file,
				"""
						{"clients": {"upstream": {"clientId": "upstream-7", "clientSecret": "s3cret-upstream", "scope": "events:write"}},
						 "kafka": {"upstream": {"mechanism": "SCRAM-SHA-512", "username": "u", "password": "kafka-pw"}},
						 "registry": {"admin": {"username": "admin", "password": "registry-pw"}}}
						""");

		DevelopmentCredentials credentials = DevelopmentCredentials.loadOrCreate(file, ISSUER);

		assertThat(credentials.outcome()).isEqualTo(Outcome.COMPLETED);
		assertThat(credentials.client("upstream"))
			.isEqualTo(new Client("upstream-7", "s3cret-upstream", "events:write"));
		assertThat(credentials.clients()).containsOnlyKeys("upstream", "officer", "dashboard", "metrics");
		JsonNode written = JSON.readTree(Files.readString(file));
		assertThat(written.at("/kafka/upstream/password").asString()).isEqualTo("kafka-pw");
		assertThat(written.at("/registry/admin/password").asString()).isEqualTo("registry-pw");
		assertThat(written.at("/clients/metrics/clientSecret").asString())
			.isEqualTo(credentials.client("metrics").clientSecret());
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void aFileOthersCouldReadIsMadeOwnerOnly() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");
		DevelopmentCredentials.loadOrCreate(file, ISSUER);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		DevelopmentCredentials.loadOrCreate(file, ISSUER);

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void anotherIssuerIsWrittenWithItsTokenEndpointKeepingTheSecrets() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");
		DevelopmentCredentials first = DevelopmentCredentials.loadOrCreate(file, ISSUER);

		DevelopmentCredentials moved = DevelopmentCredentials.loadOrCreate(file, "http://127.0.0.1:9999/");

		assertThat(moved.outcome()).isEqualTo(Outcome.COMPLETED);
		assertThat(moved.tokenEndpoint()).isEqualTo("http://127.0.0.1:9999/oauth2/token");
		assertThat(moved.client("dashboard").clientSecret()).isEqualTo(first.client("dashboard").clientSecret());
	}

	@Test
	void aFileThatIsNotJsonIsRefusedWithoutQuotingIt() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");
		Files.writeString(file, "{\"clients\": {\"upstream\": {\"clientSecret\": \"half-written-secret");

		assertThatIllegalStateException().isThrownBy(() -> DevelopmentCredentials.loadOrCreate(file, ISSUER))
			.withMessageContaining(file.toString())
			.withMessageNotContaining("half-written-secret");
	}

	@Test
	void anEntryWithoutItsSecretIsRefusedNamingTheField() throws Exception {
		Path file = this.dataDir.resolve("credentials.json");
		Files.writeString(file, "{\"clients\": {\"officer\": {\"clientId\": \"officer\", \"scope\": \"cases:read\"}}}");

		assertThatIllegalStateException().isThrownBy(() -> DevelopmentCredentials.loadOrCreate(file, ISSUER))
			.withMessageContaining("clients.officer.clientSecret");
	}

	@Test
	void printingTheCredentialsShowsNoSecret() {
		DevelopmentCredentials credentials = DevelopmentCredentials.loadOrCreate(this.dataDir.resolve("c.json"),
				ISSUER);

		String printed = credentials + " " + credentials.clients() + " " + credentials.users();

		credentials.clients().values().forEach((client) -> assertThat(printed).doesNotContain(client.clientSecret()));
		assertThat(printed).doesNotContain(credentials.user("ops").password()).contains("upstream", "ops");
	}

}
