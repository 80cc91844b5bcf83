package io.removaltracker.identity.server;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.removaltracker.identity.credentials.DevelopmentCredentials;
import io.removaltracker.identity.credentials.DevelopmentCredentials.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients of docs/contract.md (Access) get their tokens with the client-credentials
 * grant over real HTTP, and the tokens say who they are and what they may do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// At debug level too, nothing the provider logs may contain a secret.
		properties = { "logging.level.org.springframework.security=DEBUG", "logging.level.io.removaltracker=DEBUG" })
@ContextConfiguration(initializers = TemporaryCredentialsFile.class)
@ExtendWith(OutputCaptureExtension.class)
class ClientCredentialsTest {

	@LocalServerPort
	int port;

	@Autowired
	DevelopmentCredentials credentials;

	Provider provider() {
		return new Provider("http://127.0.0.1:" + this.port);
	}

	@Test
	void discoveryDocumentNamesTheIssuerAndItsEndpoints() {
		HttpResponse<String> answer = provider().get("/.well-known/openid-configuration", "application/json");

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode discovery = Provider.json(answer);
		String issuer = TemporaryCredentialsFile.ISSUER;
		assertThat(discovery.get("issuer").asString()).isEqualTo(issuer);
		assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
		assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
		assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
		assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(issuer + "/connect/logout");
		assertThat(discovery.get("code_challenge_methods_supported").values()).extracting(JsonNode::asString)
			.containsExactly("S256");
		assertThat(discovery.get("grant_types_supported").values()).extracting(JsonNode::asString)
			.contains("client_credentials", "authorization_code");
	}

	@Test
	void credentialsFileWasWrittenOwnerOnlyWithEveryClientAndPerson() throws Exception {
		assertThat(Files.getPosixFilePermissions(TemporaryCredentialsFile.FILE))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(this.credentials.clients()).containsOnlyKeys("upstream", "officer", "dashboard", "metrics");
		assertThat(this.credentials.users()).containsOnlyKeys("ops");
		assertThat(this.credentials.issuer()).isEqualTo(TemporaryCredentialsFile.ISSUER);
		assertThat(this.credentials.tokenEndpoint()).isEqualTo(TemporaryCredentialsFile.ISSUER + "/oauth2/token");
	}

	@Test
	void everyClientGetsASignedTokenWithItsScopeAndClientId() throws ParseException {
		Instant before = Instant.now().minusSeconds(5);
		for (String name : List.of("upstream", "officer", "dashboard", "metrics")) {
			Client client = this.credentials.client(name);

			HttpResponse<String> answer = provider().clientCredentials(client.clientId(), client.clientSecret(),
					client.scope());

			assertThat(answer.statusCode()).as(name).isEqualTo(200);
			JsonNode body = Provider.json(answer);
			assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
			assertThat(body.get("expires_in").asLong()).isBetween(850L, 900L);
			JWTClaimsSet claims = provider().verifiedClaims(body.get("access_token").asString());
			assertThat(claims.getStringClaim("scope").split(" ")).as(name)
				.containsExactlyInAnyOrder(client.scope().split(" "));
			assertThat(claims.getStringClaim("client_id")).as(name).isEqualTo(client.clientId());
			assertThat(claims.getSubject()).as(name).isEqualTo(client.clientId());
			assertThat(claims.getIssuer()).isEqualTo(TemporaryCredentialsFile.ISSUER);
			assertThat(claims.getAudience()).containsExactly(client.clientId());
			assertThat(claims.getExpirationTime().toInstant()).isAfter(before.plusSeconds(800));
		}
	}

	@Test
	void aClientAskingForPartOfItsScopeGetsThatPart() throws ParseException {
		Client officer = this.credentials.client("officer");

		String token = provider().accessToken(officer.clientId(), officer.clientSecret(), "wanted:read");

		assertThat(provider().verifiedClaims(token).getStringClaim("scope")).isEqualTo("wanted:read");
	}

	@Test
	void aWrongSecretIsRefusedWith401() {
		Client upstream = this.credentials.client("upstream");

		HttpResponse<String> answer = provider().clientCredentials(upstream.clientId(), "not-the-secret",
				"events:write");

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(Provider.json(answer).get("error").asString()).isEqualTo("invalid_client");
		assertThat(answer.body()).doesNotContain("access_token");
	}

	@Test
	void anUnknownClientIsRefusedWith401() {
		HttpResponse<String> answer = provider().clientCredentials("intruder", "whatever", "events:write");

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(Provider.json(answer).get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void aClientAskingForAScopeItDoesNotHaveIsRefused() {
		Client upstream = this.credentials.client("upstream");

		HttpResponse<String> answer = provider().clientCredentials(upstream.clientId(), upstream.clientSecret(),
				"events:write cases:read");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(Provider.json(answer).get("error").asString()).isEqualTo("invalid_scope");
		assertThat(answer.body()).doesNotContain("access_token");
	}

	@Test
	void aSecretSentInTheFormInsteadOfBasicIsRefused() {
		Client upstream = this.credentials.client("upstream");

		HttpResponse<String> answer = provider().postForm("/oauth2/token", Map.of("grant_type", "client_credentials",
				"client_id", upstream.clientId(), "client_secret", upstream.clientSecret()));

		assertThat(answer.statusCode()).isEqualTo(401);
	}

	@Test
	void healthIsOpenAndNothingElseIsServedAnonymously() {
		assertThat(provider().get("/actuator/health", "application/json").statusCode()).isEqualTo(200);
		assertThat(provider().get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);
		HttpResponse<String> env = provider().get("/actuator/env", "application/json");
		assertThat(env.statusCode()).isEqualTo(302);
		assertThat(env.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		assertThat(provider().get("/userinfo", "application/json").statusCode()).isEqualTo(401);
	}

	@Test
	void logsNeverShowASecretOrPassword(CapturedOutput output) {
		Client upstream = this.credentials.client("upstream");
		provider().accessToken(upstream.clientId(), upstream.clientSecret(), "events:write");
		provider().clientCredentials(upstream.clientId(), upstream.clientSecret() + "x", "events:write");

		assertThat(output.getAll()).isNotEmpty();
		for (Client client : this.credentials.clients().values()) {
			assertThat(output.getAll()).doesNotContain(client.clientSecret());
		}
		assertThat(output.getAll()).doesNotContain(this.credentials.user("ops").password());
	}

}
