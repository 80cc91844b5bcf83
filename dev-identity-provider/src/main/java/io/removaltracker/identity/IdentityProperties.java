package io.removaltracker.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer the issuer named in every token and in the discovery document; the
 * services' {@code issuer-uri} must be exactly this
 * @param credentialsFile the development credentials file (docs/contract.md, Access),
 * written on the first start and reused
 * @param signingKeyFile the RSA key tokens are signed with, kept so tokens and cached key
 * sets stay valid across restarts; {@code identity-signing-key.json} next to the
 * credentials file when not set
 * @param accessTokenTimeToLive how long an access token is valid
 * @param browserClient the public client a browser signs a person in with
 */
@ConfigurationProperties("identity")
public record IdentityProperties(String issuer, Path credentialsFile, Path signingKeyFile,
		Duration accessTokenTimeToLive, BrowserClient browserClient) {

	public Path signingKeyFileOrDefault() {
		return (this.signingKeyFile != null) ? this.signingKeyFile
				: this.credentialsFile.toAbsolutePath().resolveSibling("identity-signing-key.json");
	}

	/**
	 * @param clientId the client id the dashboard signs in with
	 * @param redirectUris where the provider may send the browser back with a code
	 * @param postLogoutRedirectUris where the provider may send the browser after a
	 * sign-out
	 * @param scope the scopes the client may ask for, space-separated
	 */
	public record BrowserClient(String clientId, List<String> redirectUris, List<String> postLogoutRedirectUris,
			String scope) {
	}

}
