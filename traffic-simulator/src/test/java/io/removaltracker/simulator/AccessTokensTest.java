package io.removaltracker.simulator;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.removaltracker.identity.DevIdentityProviderApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token source against the real development identity provider, started inside the
 * test JVM on a port of its own, writing a credentials file of its own: tokens with each
 * client's scope, kept and renewed before they expire, and clear failures.
 */
class AccessTokensTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Path DIR = Path.of("target", "access-tokens-test", UUID.randomUUID().toString())
		.toAbsolutePath();

	private static final Path CREDENTIALS = DIR.resolve("credentials.json");

	private static ConfigurableApplicationContext provider;

	@BeforeAll
	static void startTheProvider() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// The issuer and the token endpoint in the file follow the port.
		provider = new SpringApplicationBuilder(DevIdentityProviderApplication.class).run("--server.port=" + port,
				"--identity.credentials-file=" + CREDENTIALS, "--logging.level.root=WARN");
	}

	@AfterAll
	static void stopTheProvider() {
		if (provider != null) {
			provider.close();
		}
	}

	@Test
	void eachClientGetsATokenWithItsOwnScopeAndId() throws IOException {
		JsonNode file = JSON.readTree(CREDENTIALS.toFile());
		for (String client : List.of(AccessTokens.UPSTREAM, AccessTokens.OFFICER, AccessTokens.DASHBOARD,
				AccessTokens.METRICS)) {
			AccessTokens tokens = AccessTokens.fromCredentialsFile(CREDENTIALS, client);

			JsonNode claims = claims(tokens.token());

			assertThat(claims.get("scope").asText()).as(client)
				.isEqualTo(file.at("/clients/" + client + "/scope").asText());
			assertThat(claims.get("client_id").asText()).as(client)
				.isEqualTo(file.at("/clients/" + client + "/clientId").asText());
			assertThat(claims.get("iss").asText()).isEqualTo(file.get("issuer").asText());
			assertThat(tokens.authorization()).isEqualTo("Bearer " + tokens.token());
		}
	}

	@Test
	void aTokenIsKeptUntilAMinuteBeforeItExpiresThenRenewed() throws IOException {
		MovableClock clock = new MovableClock(Instant.now());
		AccessTokens tokens = AccessTokens.fromCredentialsFile(CREDENTIALS, AccessTokens.UPSTREAM, clock);
		String first = tokens.token();
		long lifetime = claims(first).get("exp").asLong() - claims(first).get("iat").asLong();
		assertThat(lifetime).as("the provider's 15 minutes").isEqualTo(900);

		// expires_in may say 899 for these 900 s, so the clock stops a few seconds
		// short of the last minute, then moves onto it.
		clock.advance(Duration.ofSeconds(lifetime).minus(AccessTokens.RENEW_AHEAD).minusSeconds(5));
		assertThat(tokens.token()).as("still well valid: kept").isEqualTo(first);

		clock.advance(Duration.ofSeconds(5));
		String renewed = tokens.token();
		assertThat(renewed).as("a minute left: renewed").isNotEqualTo(first);
		assertThat(claims(renewed).get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond() + 800);
		assertThat(tokens.token()).isEqualTo(renewed);
	}

	@Test
	void threadsAskingAtOnceShareOneToken() throws Exception {
		AccessTokens tokens = AccessTokens.fromCredentialsFile(CREDENTIALS, AccessTokens.OFFICER);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				answers.add(threads.submit(() -> {
					go.await();
					return tokens.token();
				}));
			}
			go.countDown();
			Set<String> seen = ConcurrentHashMap.newKeySet();
			for (Future<String> answer : answers) {
				seen.add(answer.get(60, TimeUnit.SECONDS));
			}
			assertThat(seen).hasSize(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aWrongSecretIsAFinalRefusalThatDoesNotShowTheSecret() throws IOException {
		Path file = changedCopy("wrong-secret",
				(root) -> ((ObjectNode) root.at("/clients/upstream")).put("clientSecret", "not-the-secret"));
		AccessTokens tokens = AccessTokens.fromCredentialsFile(file, AccessTokens.UPSTREAM);

		assertThatThrownBy(tokens::token)
			.isInstanceOfSatisfying(AccessTokens.Unavailable.class, (ex) -> assertThat(ex.retryable()).isFalse())
			.hasMessageContaining("refused a token to client 'upstream'")
			.hasMessageContaining("401")
			.hasMessageContaining("invalid_client")
			.hasMessageNotContaining("not-the-secret");
		assertThat(tokens.toString()).doesNotContain("not-the-secret");
	}

	@Test
	void aScopeTheClientDoesNotHaveIsRefused() throws IOException {
		Path file = changedCopy("wider-scope",
				(root) -> ((ObjectNode) root.at("/clients/upstream")).put("scope", "events:write cases:read"));

		assertThatThrownBy(() -> AccessTokens.fromCredentialsFile(file, AccessTokens.UPSTREAM).token())
			.isInstanceOf(AccessTokens.Unavailable.class)
			.hasMessageContaining("400")
			.hasMessageContaining("invalid_scope");
	}

	@Test
	void aProviderThatDoesNotAnswerIsWorthAskingAgain() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Path file = changedCopy("no-provider",
				(root) -> ((ObjectNode) root).put("tokenEndpoint", "http://127.0.0.1:" + closedPort + "/oauth2/token"));

		assertThatThrownBy(() -> AccessTokens.fromCredentialsFile(file, AccessTokens.UPSTREAM).token())
			.isInstanceOfSatisfying(AccessTokens.Unavailable.class, (ex) -> assertThat(ex.retryable()).isTrue())
			.hasMessageContaining("no answer from the identity provider at http://127.0.0.1:" + closedPort)
			.hasMessageContaining("./run-local");
	}

	@Test
	void aMissingFileIsNamedWithWhereItComesFrom() {
		Path missing = DIR.resolve("nowhere").resolve("credentials.json");

		assertThatThrownBy(() -> AccessTokens.fromCredentialsFile(missing, AccessTokens.UPSTREAM))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("there is no credentials file " + missing)
			.hasMessageContaining("./run-local writes it to <data-dir>/credentials.json");
	}

	@Test
	void anUnreadableFileIsNamed() throws IOException {
		Path directory = Files.createDirectories(DIR.resolve("a-directory.json"));

		assertThatThrownBy(() -> AccessTokens.fromCredentialsFile(directory, AccessTokens.UPSTREAM))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("the credentials file " + directory + " cannot be read");
	}

	@Test
	void aFileThatIsNotJsonIsNamed() throws IOException {
		Path file = Files.writeString(DIR.resolve("garbage.json"), "clientId=upstream");

		assertThatThrownBy(() -> AccessTokens.fromCredentialsFile(file, AccessTokens.UPSTREAM))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("the credentials file " + file + " is not JSON");
	}

	@Test
	void aFileWithoutTheClientSaysWhatIsMissing() throws IOException {
		Path file = changedCopy("no-metrics", (root) -> ((ObjectNode) root.get("clients")).remove("metrics"));

		assertThatThrownBy(() -> AccessTokens.fromCredentialsFile(file, AccessTokens.METRICS))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("the credentials file " + file + " has no clients.metrics.clientId");
	}

	/** The provider's credentials file with one change, as a file of its own. */
	private static Path changedCopy(String name, java.util.function.Consumer<JsonNode> change) throws IOException {
		JsonNode root = JSON.readTree(CREDENTIALS.toFile());
		change.accept(root);
		return Files.writeString(DIR.resolve(name + ".json"), JSON.writeValueAsString(root));
	}

	/**
	 * The claims of a JWT, read without checking it: the provider's own tests do that.
	 */
	private static JsonNode claims(String jwt) throws IOException {
		String payload = jwt.split("\\.")[1];
		return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant start) {
			this.now = start;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
