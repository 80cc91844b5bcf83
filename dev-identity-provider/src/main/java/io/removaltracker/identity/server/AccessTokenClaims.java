package io.removaltracker.identity.server;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The claims of an access token as the services read them (docs/contract.md, Access).
 * <ul>
 * <li>{@code scope} is one space-separated string (in alphabetical order), as RFC 9068
 * writes it, instead of the JSON array the authorization server writes by default.</li>
 * <li>A client's own token (client credentials) carries {@code client_id}: the services
 * record it as {@code reportedBy}.</li>
 * <li>A person's token carries no {@code client_id}, so the person ({@code sub}, the
 * username) is the one recorded, not the dashboard they signed in with; and it carries
 * only the scopes that person may have, whatever the client asked for.</li>
 * </ul>
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private static final Set<String> SIGN_IN_SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE);

	private final Map<String, Set<String>> scopesByUsername;

	/**
	 * @param scopesByUsername what each person may be given, by username
	 */
	AccessTokenClaims(Map<String, Set<String>> scopesByUsername) {
		this.scopesByUsername = Map.copyOf(scopesByUsername);
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		Set<String> scopes = context.getAuthorizedScopes();
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
		}
		else {
			Set<String> allowed = this.scopesByUsername.getOrDefault(context.getPrincipal().getName(), Set.of());
			scopes = scopes.stream()
				.filter((scope) -> SIGN_IN_SCOPES.contains(scope) || allowed.contains(scope))
				.collect(Collectors.toCollection(LinkedHashSet::new));
		}
		context.getClaims().claim("scope", String.join(" ", new TreeSet<>(scopes)));
	}

	static Set<String> split(String scopes) {
		return Arrays.stream(scopes.trim().split("\\s+"))
			.filter((scope) -> !scope.isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

}
