package io.removaltracker.reporting.api;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The dashboard's one client registration, read from the issuer's discovery document the
 * first time a person signs in rather than at start-up: the service starts, and serves
 * its API, while the issuer is away. A failed look-up is tried again on the next sign-in.
 */
final class IssuerClientRegistrations implements ClientRegistrationRepository {

	static final String REGISTRATION_ID = "ops";

	private final String issuer;

	private final String clientId;

	private volatile ClientRegistration registration;

	IssuerClientRegistrations(String issuer, String clientId) {
		this.issuer = issuer;
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
			current = ClientRegistrations.fromIssuerLocation(this.issuer)
				.registrationId(REGISTRATION_ID)
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

}
