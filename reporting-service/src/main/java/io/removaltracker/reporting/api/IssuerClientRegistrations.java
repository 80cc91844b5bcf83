package io.removaltracker.reporting.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The dashboard's one client registration, read from the issuer's discovery document the
 * first time a person signs in rather than at start-up: the service starts, and serves
 * its API, while the issuer is away. A failed look-up is tried again on the next sign-in.
 * <p>
 * Where the service reaches the issuer by another address than browsers do (a container
 * network: the issuer is {@code http://127.0.0.1:8084} to the browser, and to the
 * container itself), the back channel names the address the service uses: discovery,
 * tokens, keys and user info go there; the browser is still sent to the addresses the
 * issuer publishes, and tokens must still name the issuer.
 */
final class IssuerClientRegistrations implements ClientRegistrationRepository {

	static final String REGISTRATION_ID = "ops";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String issuer;

	private final String backChannel;

	private final String clientId;

	private volatile ClientRegistration registration;

	/**
	 * @param backChannel where the service itself reaches the issuer, or {@code null} or
	 * empty for the issuer's own address
	 */
	IssuerClientRegistrations(String issuer, String backChannel, String clientId) {
		this.issuer = withoutTrailingSlash(issuer);
		this.backChannel = (backChannel == null || backChannel.isBlank()) ? null : withoutTrailingSlash(backChannel);
		this.clientId = clientId;
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		if (!REGISTRATION_ID.equals(registrationId)) {
			return null;
		}
		ClientRegistration current = this.registration;
		if (current == null) {
			// A public client: no secret, so Spring Security adds PKCE (S256).
			current = provider().registrationId(REGISTRATION_ID)
				.clientId(this.clientId)
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.scope("openid", "profile", "stats:read")
				.userNameAttributeName("sub")
				.build();
			this.registration = current;
		}
		return current;
	}

	private ClientRegistration.Builder provider() {
		if (this.backChannel == null) {
			return ClientRegistrations.fromIssuerLocation(this.issuer);
		}
		Map<String, Object> metadata = discovery(this.backChannel + "/.well-known/openid-configuration");
		if (!this.issuer.equals(withoutTrailingSlash(String.valueOf(metadata.get("issuer"))))) {
			throw new IllegalStateException("The issuer at " + this.backChannel + " names itself "
					+ metadata.get("issuer") + ", not " + this.issuer + " as configured");
		}
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.issuerUri(this.issuer)
			.authorizationUri(required(metadata, "authorization_endpoint"))
			.tokenUri(inside(required(metadata, "token_endpoint")))
			.jwkSetUri(inside(required(metadata, "jwks_uri")))
			.userInfoUri(inside((String) metadata.get("userinfo_endpoint")))
			.userInfoAuthenticationMethod(AuthenticationMethod.HEADER)
			// The sign-out address (end_session_endpoint) is the browser's: kept as
			// published.
			.providerConfigurationMetadata(metadata);
	}

	/**
	 * An address the issuer published, moved to the back channel when under the issuer.
	 */
	String inside(String published) {
		if (published == null || this.backChannel == null || !published.startsWith(this.issuer)) {
			return published;
		}
		return this.backChannel + published.substring(this.issuer.length());
	}

	private static Map<String, Object> discovery(String location) {
		try {
			HttpResponse<String> answer = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(5))
				.build()
				.send(HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				throw new IllegalStateException(location + " answered " + answer.statusCode());
			}
			return JSON.readValue(answer.body(), new TypeReference<Map<String, Object>>() {
			});
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + location + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted reading " + location, ex);
		}
	}

	private static String required(Map<String, Object> metadata, String name) {
		Object value = metadata.get(name);
		if (!(value instanceof String text) || text.isBlank()) {
			throw new IllegalStateException("The issuer's discovery document has no " + name);
		}
		return text;
	}

	private static String withoutTrailingSlash(String uri) {
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

}
