package io.removaltracker.identity.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.removaltracker.identity.IdentityProperties;
import io.removaltracker.identity.credentials.DevelopmentCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The authorization server's endpoints (discovery, key set, token, authorization with
 * PKCE, user info, RP-initiated logout), the sign-in page, and the clients and people of
 * the credentials file.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationServerConfiguration.class);

	/**
	 * The OAuth 2.0 and OpenID Connect endpoints; a browser without a session goes to
	 * sign in.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// The user info endpoint takes the access token of the person it describes.
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	/** The sign-in form and the health probes; nothing else is served. */
	@Bean
	@Order(2)
	SecurityFilterChain signIn(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/error")
			.permitAll()
			.anyRequest()
			.authenticated()).formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	DevelopmentCredentials developmentCredentials(IdentityProperties properties) {
		DevelopmentCredentials credentials = DevelopmentCredentials.loadOrCreate(properties.credentialsFile(),
				properties.issuer());
		String how = switch (credentials.outcome()) {
			case CREATED -> "written now with new secrets";
			case COMPLETED -> "completed with new secrets for what it lacked";
			case REUSED -> "reused";
		};
		log.info("Credentials file {} ({}): clients {}, people {}", credentials.file().toAbsolutePath(), how,
				credentials.clients().keySet(), credentials.users().keySet());
		return credentials;
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	JWKSource<SecurityContext> signingKeys(IdentityProperties properties) {
		RSAKey key = SigningKeyFile.loadOrCreate(properties.signingKeyFileOrDefault());
		log.info("Signing tokens with RSA key {} from {}", key.getKeyID(), properties.signingKeyFileOrDefault());
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	/**
	 * Secrets and passwords are kept hashed in memory like any real provider would, so
	 * this provider checks them the way production does.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	RegisteredClientRepository registeredClients(DevelopmentCredentials credentials, IdentityProperties properties,
			PasswordEncoder passwordEncoder) {
		TokenSettings tokens = TokenSettings.builder()
			.accessTokenTimeToLive(properties.accessTokenTimeToLive())
			.build();
		List<RegisteredClient> clients = new ArrayList<>();
		credentials.clients()
			.forEach((name,
					client) -> clients.add(RegisteredClient.withId(name)
						.clientId(client.clientId())
						.clientSecret(passwordEncoder.encode(client.clientSecret()))
						.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
						.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
						.scopes((scopes) -> scopes.addAll(AccessTokenClaims.split(client.scope())))
						.tokenSettings(tokens)
						.build()));
		IdentityProperties.BrowserClient browser = properties.browserClient();
		// A browser cannot keep a secret: a public client, held to PKCE with S256 (the
		// authorization server accepts no other method), and no consent screen, since
		// every client here is the project's own.
		clients.add(RegisteredClient.withId("browser")
			.clientId(browser.clientId())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUris((uris) -> uris.addAll(browser.redirectUris()))
			.postLogoutRedirectUris((uris) -> uris.addAll(browser.postLogoutRedirectUris()))
			.scopes((scopes) -> scopes.addAll(AccessTokenClaims.split(browser.scope())))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens)
			.build());
		return new InMemoryRegisteredClientRepository(clients);
	}

	@Bean
	UserDetailsService people(DevelopmentCredentials credentials, PasswordEncoder passwordEncoder) {
		List<UserDetails> people = new ArrayList<>();
		credentials.users()
			.values()
			.forEach((person) -> people.add(User.withUsername(person.username())
				.password(passwordEncoder.encode(person.password()))
				.roles("PERSON")
				.build()));
		return new InMemoryUserDetailsManager(people);
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(DevelopmentCredentials credentials) {
		Map<String, Set<String>> scopesByUsername = new LinkedHashMap<>();
		credentials.users()
			.values()
			.forEach((person) -> scopesByUsername.put(person.username(), AccessTokenClaims.split(person.scope())));
		return new AccessTokenClaims(scopesByUsername);
	}

}
