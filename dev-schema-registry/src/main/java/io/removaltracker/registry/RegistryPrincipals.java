package io.removaltracker.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who may call the registry and how a caller proves it: HTTP basic authentication against
 * the configured principals. Passwords are kept as SHA-256 digests and compared with
 * {@link MessageDigest#isEqual}, so neither a password's content nor its length shows in
 * how long a refusal takes; an unknown name costs the same comparison.
 */
final class RegistryPrincipals {

	/** A caller whose password matched. */
	record Caller(String name, boolean admin) {
	}

	private record Known(byte[] passwordDigest, boolean admin) {
	}

	private static final byte[] NOBODY = digest("\u0000no principal has this password\u0000");

	private final Map<String, Known> byName;

	private RegistryPrincipals(Map<String, Known> byName) {
		this.byName = byName;
	}

	/**
	 * The principals as configured; fails on a principal without a password or with a
	 * name basic authentication cannot carry.
	 */
	static RegistryPrincipals of(Map<String, RegistryProperties.Principal> configured) {
		Map<String, Known> byName = new TreeMap<>();
		configured.forEach((name, principal) -> {
			if (name.isBlank() || name.contains(":")) {
				throw new IllegalStateException("registry.principals: '" + name
						+ "' cannot be a principal's name (empty, or with ':', which basic authentication cannot carry)");
			}
			if (principal == null || principal.password() == null || principal.password().isEmpty()) {
				throw new IllegalStateException("registry.principals." + name + ".password is not set");
			}
			byName.put(name, new Known(digest(principal.password()), principal.admin()));
		});
		return new RegistryPrincipals(byName);
	}

	/** No principal configured: the registry answers everyone. */
	boolean open() {
		return this.byName.isEmpty();
	}

	/** The names, admins marked, for the start-up log (never a password). */
	String describe() {
		StringBuilder names = new StringBuilder();
		this.byName.forEach((name, known) -> names.append((names.length() > 0) ? ", " : "")
			.append(name)
			.append(known.admin() ? " (admin)" : ""));
		return names.toString();
	}

	/**
	 * The caller an {@code Authorization} header proves, or empty for no header, another
	 * scheme, a malformed one, an unknown name or a wrong password (told apart to no
	 * one).
	 */
	Optional<Caller> authenticate(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		String userInfo;
		try {
			userInfo = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		int colon = userInfo.indexOf(':');
		if (colon < 0) {
			return Optional.empty();
		}
		String name = userInfo.substring(0, colon);
		Known known = this.byName.get(name);
		byte[] expected = (known != null) ? known.passwordDigest() : NOBODY;
		boolean matches = MessageDigest.isEqual(expected, digest(userInfo.substring(colon + 1)));
		return (known != null && matches) ? Optional.of(new Caller(name, known.admin())) : Optional.empty();
	}

	private static byte[] digest(String password) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "RegistryPrincipals[" + describe() + "]";
	}

}
