package io.removaltracker.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An OpenID Connect issuer for tests, one per test JVM, on a random loopback port: it
 * serves {@code /.well-known/openid-configuration} and its key set, as a real provider
 * does, so the services under test discover it exactly as they discover the local
 * stack's; and it mints tokens with chosen scopes, and the bad ones a service must
 * refuse. A service started in another process reaches it too (it only needs the issuer
 * URI).
 */
public final class TestIssuer {

	/** Every scope of the contract (docs/contract.md, Access). */
	public static final List<String> ALL_SCOPES = List.of("events:write", "cases:read", "wanted:read", "stats:read",
			"metrics:read");

	/** The property that points a service at its issuer. */
	public static final String ISSUER_URI_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

	/** The client a test's token stands for ({@code client_id}). */
	public static final String CLIENT_ID = "test-client";

	private static final String KEY_ID = "test-issuer-key";

	private static final Duration LIFETIME = Duration.ofHours(1);

	private static TestIssuer shared;

	private final HttpServer server;

	private final RSAKey key;

	private final AtomicReference<Minted> allScopes = new AtomicReference<>();

	private TestIssuer() {
		this.key = generateKey();
		this.server = startServer();
	}

	/** The issuer of this test JVM, started on first use. */
	public static synchronized TestIssuer shared() {
		if (shared == null) {
			shared = new TestIssuer();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0), "test-issuer-stop"));
		}
		return shared;
	}

	/** Points a service under test ({@code @DynamicPropertySource}) at this issuer. */
	public static void serviceSettings(DynamicPropertyRegistry registry) {
		registry.add(ISSUER_URI_PROPERTY, () -> shared().issuerUri());
	}

	/** The same as a command-line argument, for a service started by hand. */
	public static String serviceArgument() {
		return "--" + ISSUER_URI_PROPERTY + "=" + shared().issuerUri();
	}

	/** {@code Authorization} header value with a token carrying every scope. */
	public static String allScopesAuthorization() {
		return "Bearer " + shared().tokenWithAllScopes();
	}

	public String issuerUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** A valid token with these scopes (none: an authenticated caller with no scope). */
	public String token(String... scopes) {
		return sign(this.key, claims(issuerUri(), Instant.now().plus(LIFETIME), scopes));
	}

	/**
	 * A valid token with every scope, minted again shortly before it expires (a signature
	 * per request would slow the load tests).
	 */
	public String tokenWithAllScopes() {
		Minted current = this.allScopes.get();
		if (current == null || current.expires().isBefore(Instant.now().plus(Duration.ofMinutes(10)))) {
			Instant expires = Instant.now().plus(LIFETIME);
			current = new Minted(sign(this.key, claims(issuerUri(), expires, ALL_SCOPES.toArray(String[]::new))),
					expires);
			this.allScopes.set(current);
		}
		return current.token();
	}

	/**
	 * A valid token with every scope whose identity claims ({@code client_id},
	 * {@code azp}, {@code sub}) are exactly these: for the rules that name a caller from
	 * its token.
	 */
	public String tokenNaming(Map<String, String> identity) {
		Instant expires = Instant.now().plus(LIFETIME);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(
				claims(issuerUri(), expires, ALL_SCOPES.toArray(String[]::new)))
			.subject(null)
			.claim("client_id", null);
		identity.forEach(claims::claim);
		return sign(this.key, claims.build());
	}

	/** Expired ten minutes ago, well past the one-minute clock skew a service allows. */
	public String expiredToken(String... scopes) {
		return sign(this.key, claims(issuerUri(), Instant.now().minus(Duration.ofMinutes(10)), scopes));
	}

	/** Signed by a key the issuer never published, under the issuer's own key id. */
	public String tokenSignedByAnotherKey(String... scopes) {
		return sign(generateKey(), claims(issuerUri(), Instant.now().plus(LIFETIME), scopes));
	}

	/** Signed with the issuer's own key but naming another issuer. */
	public String tokenFromAnotherIssuer(String... scopes) {
		return sign(this.key, claims("http://127.0.0.1:1/another-issuer", Instant.now().plus(LIFETIME), scopes));
	}

	/** Not signed at all ({@code alg: none}). */
	public String unsignedToken(String... scopes) {
		return new PlainJWT(claims(issuerUri(), Instant.now().plus(LIFETIME), scopes)).serialize();
	}

	private static JWTClaimsSet claims(String issuer, Instant expires, String... scopes) {
		Instant issued = expires.minus(LIFETIME);
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject(CLIENT_ID)
			.claim("client_id", CLIENT_ID)
			.claim("scope", String.join(" ", scopes))
			.issueTime(Date.from(issued))
			.notBeforeTime(Date.from(issued))
			.expirationTime(Date.from(expires))
			.build();
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generateKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpServer startServer() {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			http.createContext("/.well-known/openid-configuration", (exchange) -> answer(exchange, discovery()));
			http.createContext("/jwks", (exchange) -> answer(exchange, new JWKSet(this.key.toPublicJWK()).toString()));
			// The dispatcher thread takes the daemon flag of the thread that starts the
			// server: started from a daemon, it never keeps a finished test JVM alive.
			Thread starter = new Thread(http::start, "test-issuer-start");
			starter.setDaemon(true);
			starter.start();
			starter.join();
			return http;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the test issuer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String discovery() {
		String issuer = issuerUri();
		return "{\"issuer\": \"" + issuer + "\", \"jwks_uri\": \"" + issuer + "/jwks\", \"token_endpoint\": \"" + issuer
				+ "/token\", \"authorization_endpoint\": \"" + issuer + "/authorize\", "
				+ "\"response_types_supported\": [\"code\"], \"subject_types_supported\": [\"public\"], "
				+ "\"id_token_signing_alg_values_supported\": [\"RS256\"]}";
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private record Minted(String token, Instant expires) {
	}

}
