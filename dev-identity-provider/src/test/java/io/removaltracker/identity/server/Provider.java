package io.removaltracker.identity.server;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running identity provider seen from outside: plain HTTP requests (no redirects
 * followed, cookies kept like a browser), answers parsed as JSON, tokens verified with
 * the provider's published key set.
 */
final class Provider {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.cookieHandler(new CookieManager())
		.build();

	Provider(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	static Provider of(ConfigurableApplicationContext context) {
		return new Provider("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/** A GET as a browser sends it. */
	HttpResponse<String> get(String pathOrUrl) {
		return get(pathOrUrl, "text/html");
	}

	HttpResponse<String> get(String pathOrUrl, String accept) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", accept).GET());
	}

	HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form))));
	}

	/**
	 * The client-credentials grant, authenticated with HTTP basic as docs/contract.md
	 * (Access) says.
	 */
	HttpResponse<String> clientCredentials(String clientId, String clientSecret, String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		if (scope != null) {
			form.put("scope", scope);
		}
		String basic = Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri("/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form))));
	}

	/** An access token for a client, failing the test if there is none. */
	String accessToken(String clientId, String clientSecret, String scope) {
		HttpResponse<String> answer = clientCredentials(clientId, clientSecret, scope);
		if (answer.statusCode() != 200) {
			throw new AssertionError("No token for " + clientId + ": " + answer.statusCode() + " " + answer.body());
		}
		return json(answer).get("access_token").asString();
	}

	/** The token's claims once its RS256 signature checked out against the key set. */
	JWTClaimsSet verifiedClaims(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			JWKSet keys = JWKSet.parse(get("/oauth2/jwks", "application/json").body());
			RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
			if (key == null) {
				throw new AssertionError("The key set has no key " + jwt.getHeader().getKeyID());
			}
			if (!"RS256".equals(jwt.getHeader().getAlgorithm().getName()) || !jwt.verify(new RSASSAVerifier(key))) {
				throw new AssertionError("The token's signature does not verify");
			}
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException | JOSEException ex) {
			throw new AssertionError(ex);
		}
	}

	static JsonNode json(HttpResponse<String> answer) {
		return JSON.readTree(answer.body());
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
