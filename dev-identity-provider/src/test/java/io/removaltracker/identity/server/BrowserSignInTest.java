package io.removaltracker.identity.server;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jwt.JWTClaimsSet;
import io.removaltracker.identity.credentials.DevelopmentCredentials;
import io.removaltracker.identity.credentials.DevelopmentCredentials.User;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signs in the way the dashboard will send them: the authorization code flow
 * with PKCE, through the provider's real login form, driven step by step by a plain HTTP
 * client that keeps cookies like a browser.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// cases:read is allowed to the client here only to show that a person never gets
		// a scope of their own that they do not have.
		properties = "identity.browser-client.scope=openid profile stats:read cases:read")
@ContextConfiguration(initializers = TemporaryCredentialsFile.class)
class BrowserSignInTest {

	static final String CLIENT_ID = "reporting-dashboard";

	static final String REDIRECT_URI = "http://127.0.0.1:8083/login/oauth2/code/ops";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final SecureRandom RANDOM = new SecureRandom();

	@LocalServerPort
	int port;

	@Autowired
	DevelopmentCredentials credentials;

	Provider browser() {
		return new Provider("http://127.0.0.1:" + this.port);
	}

	@Test
	void opsSignsInWithPkceAndGetsATokenWithTheirNameAndScope() throws ParseException {
		Provider browser = browser();
		String verifier = newVerifier();

		HttpResponse<String> callback = signIn(browser, authorizeUrl("openid profile stats:read", s256(verifier)));

		Map<String, String> query = queryOf(callback);
		assertThat(query).containsEntry("state", "state-1").containsKey("code").doesNotContainKey("error");
		HttpResponse<String> answer = redeem(browser, query.get("code"), verifier);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode tokens = Provider.json(answer);
		JWTClaimsSet access = browser.verifiedClaims(tokens.get("access_token").asString());
		assertThat(access.getSubject()).isEqualTo("ops");
		assertThat(access.getStringClaim("scope").split(" ")).contains("stats:read").doesNotContain("wanted:read");
		// A person's token names the person, not the dashboard they used.
		assertThat(access.getClaim("client_id")).isNull();
		assertThat(access.getIssuer()).isEqualTo(TemporaryCredentialsFile.ISSUER);
		JWTClaimsSet id = browser.verifiedClaims(tokens.get("id_token").asString());
		assertThat(id.getSubject()).isEqualTo("ops");
		assertThat(id.getAudience()).containsExactly(CLIENT_ID);
	}

	@Test
	void aPersonDoesNotGetAScopeTheyDoNotHaveEvenIfTheClientMayAskForIt() throws ParseException {
		Provider browser = browser();
		String verifier = newVerifier();

		HttpResponse<String> callback = signIn(browser, authorizeUrl("openid stats:read cases:read", s256(verifier)));

		String token = Provider.json(redeem(browser, queryOf(callback).get("code"), verifier))
			.get("access_token")
			.asString();
		assertThat(browser.verifiedClaims(token).getStringClaim("scope").split(" ")).contains("stats:read")
			.doesNotContain("cases:read");
	}

	@Test
	void theCodeIsRedeemedOnlyWithItsVerifier() {
		Provider browser = browser();
		String verifier = newVerifier();
		HttpResponse<String> callback = signIn(browser, authorizeUrl("openid stats:read", s256(verifier)));

		HttpResponse<String> answer = redeem(browser, queryOf(callback).get("code"), newVerifier());

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(Provider.json(answer).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void thePlainChallengeMethodIsRefused() {
		Provider browser = signedInBrowser();
		String verifier = newVerifier();

		HttpResponse<String> answer = browser.get(authorizeUrl("openid stats:read", verifier)
			.replace("code_challenge_method=S256", "code_challenge_method=plain"));

		assertRefusedWithoutCode(answer);
	}

	@Test
	void anAuthorizationRequestWithoutPkceIsRefused() {
		Provider browser = signedInBrowser();

		HttpResponse<String> answer = browser.get("/oauth2/authorize?" + Provider.encode(Map.of("response_type", "code",
				"client_id", CLIENT_ID, "redirect_uri", REDIRECT_URI, "scope", "openid", "state", "s")));

		assertRefusedWithoutCode(answer);
	}

	@Test
	void aWrongPasswordDoesNotSignIn() {
		Provider browser = browser();
		browser.get(authorizeUrl("openid stats:read", s256(newVerifier())));
		HttpResponse<String> form = browser.get("/login");

		HttpResponse<String> answer = browser.postForm("/login",
				Map.of("username", "ops", "password", "wrong", "_csrf", csrfTokenOf(form)));

		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
	}

	@Test
	void signOutSendsTheBrowserBackToTheDashboard() {
		Provider browser = browser();
		String verifier = newVerifier();
		HttpResponse<String> callback = signIn(browser, authorizeUrl("openid stats:read", s256(verifier)));
		String idToken = Provider.json(redeem(browser, queryOf(callback).get("code"), verifier))
			.get("id_token")
			.asString();

		HttpResponse<String> answer = browser.get("/connect/logout?" + Provider.encode(Map.of("id_token_hint", idToken,
				"post_logout_redirect_uri", "http://127.0.0.1:8083/", "state", "bye")));

		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location").orElseThrow()).isEqualTo("http://127.0.0.1:8083/?state=bye");
		// Signed out: asking again sends the browser to the login form.
		HttpResponse<String> again = browser.get(authorizeUrl("openid stats:read", s256(newVerifier())));
		assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	/**
	 * Follows a browser through the flow: the authorization request, the login form, the
	 * form posted with its CSRF token, and back to the authorization endpoint.
	 * @return the answer redirecting to the client's redirect URI
	 */
	private HttpResponse<String> signIn(Provider browser, String authorizeUrl) {
		HttpResponse<String> toLogin = browser.get(authorizeUrl);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(toLogin.headers().firstValue("Location").orElseThrow()).isEqualTo(browser.baseUrl() + "/login");

		HttpResponse<String> form = browser.get("/login");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("name=\"password\"");

		User ops = this.credentials.user("ops");
		HttpResponse<String> signedIn = browser.postForm("/login",
				Map.of("username", ops.username(), "password", ops.password(), "_csrf", csrfTokenOf(form)));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String backToAuthorize = signedIn.headers().firstValue("Location").orElseThrow();
		assertThat(backToAuthorize).contains("/oauth2/authorize");

		// No consent screen for the project's own clients: straight back with a code.
		HttpResponse<String> callback = browser.get(backToAuthorize);
		assertThat(callback.statusCode()).isEqualTo(302);
		assertThat(callback.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT_URI + "?");
		return callback;
	}

	private Provider signedInBrowser() {
		Provider browser = browser();
		signIn(browser, authorizeUrl("openid stats:read", s256(newVerifier())));
		return browser;
	}

	private HttpResponse<String> redeem(Provider browser, String code, String verifier) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", REDIRECT_URI);
		form.put("client_id", CLIENT_ID);
		form.put("code_verifier", verifier);
		return browser.postForm("/oauth2/token", form);
	}

	private static void assertRefusedWithoutCode(HttpResponse<String> answer) {
		if (answer.statusCode() == 302) {
			String location = answer.headers().firstValue("Location").orElseThrow();
			assertThat(location).startsWith(REDIRECT_URI + "?");
			Map<String, String> query = queryOf(location);
			assertThat(query).containsEntry("error", "invalid_request").doesNotContainKey("code");
		}
		else {
			assertThat(answer.statusCode()).isEqualTo(400);
		}
	}

	private static String authorizeUrl(String scope, String codeChallenge) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", CLIENT_ID);
		query.put("redirect_uri", REDIRECT_URI);
		query.put("scope", scope);
		query.put("state", "state-1");
		query.put("nonce", "nonce-1");
		query.put("code_challenge", codeChallenge);
		query.put("code_challenge_method", "S256");
		return "/oauth2/authorize?" + Provider.encode(query);
	}

	private static String csrfTokenOf(HttpResponse<String> form) {
		Matcher matcher = CSRF.matcher(form.body());
		assertThat(matcher.find()).as("a CSRF token in the login form").isTrue();
		return matcher.group(1);
	}

	private static Map<String, String> queryOf(HttpResponse<String> redirect) {
		return queryOf(redirect.headers().firstValue("Location").orElseThrow());
	}

	private static Map<String, String> queryOf(String url) {
		String query = URI.create(url).getRawQuery();
		return Arrays.stream(query.split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
					(pair) -> (pair.length > 1) ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
	}

	private static String newVerifier() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
