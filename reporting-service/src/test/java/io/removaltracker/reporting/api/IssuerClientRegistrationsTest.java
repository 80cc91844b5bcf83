package io.removaltracker.reporting.api;

import java.net.URI;

import io.removaltracker.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard's client registration read from a real discovery document (the test
 * issuer's, over HTTP): straight from the issuer, and through a back channel, which moves
 * the service's own calls and leaves the browser's addresses and the issuer's name alone.
 */
class IssuerClientRegistrationsTest {

	private final String issuer = TestIssuer.shared().issuerUri();

	/** The same issuer by another name, as a container network would reach it. */
	private final String backChannel = "http://localhost:" + URI.create(this.issuer).getPort();

	@Test
	void aPublicClientOfTheIssuerItself() {
		ClientRegistration registration = new IssuerClientRegistrations(this.issuer, "", "reporting-dashboard")
			.findByRegistrationId("ops");

		assertThat(registration.getClientId()).isEqualTo("reporting-dashboard");
		assertThat(registration.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
		assertThat(registration.getScopes()).containsExactlyInAnyOrder("openid", "profile", "stats:read");
		assertThat(registration.getProviderDetails().getAuthorizationUri()).isEqualTo(this.issuer + "/authorize");
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(this.issuer + "/token");
		assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(this.issuer);
	}

	@Test
	void theBackChannelCarriesTheServicesOwnCallsOnly() {
		ClientRegistration registration = new IssuerClientRegistrations(this.issuer, this.backChannel + "/",
				"reporting-dashboard")
			.findByRegistrationId("ops");

		assertThat(registration.getProviderDetails().getAuthorizationUri()).as("the browser's")
			.isEqualTo(this.issuer + "/authorize");
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(this.backChannel + "/token");
		assertThat(registration.getProviderDetails().getJwkSetUri()).isEqualTo(this.backChannel + "/jwks");
		assertThat(registration.getProviderDetails().getIssuerUri()).as("tokens must still name the issuer")
			.isEqualTo(this.issuer);
		assertThat(registration.getScopes()).contains("stats:read");
	}

	@Test
	void anIssuerThatNamesItselfOtherwiseIsRefusedClearly() {
		IssuerClientRegistrations registrations = new IssuerClientRegistrations("http://127.0.0.1:9/realm",
				this.backChannel, "reporting-dashboard");

		assertThatThrownBy(() -> registrations.findByRegistrationId("ops")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("names itself " + this.issuer)
			.hasMessageContaining("not http://127.0.0.1:9/realm");
		assertThat(registrations.findByRegistrationId("another")).isNull();
	}

}
