package io.removaltracker.registry;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which right a request needs (docs/contract.md, Access): every principal may read
 * anything, look a schema up ({@code POST /subjects/{s}}) and check compatibility
 * ({@code POST /compatibility/...}); registering, changing compatibility, deleting and
 * anything not named here need an admin. The health probes need no one, so platforms can
 * tell whether the registry is up.
 */
final class RegistryAccess {

	enum Right {

		/** Answered without credentials. */
		NONE,

		/** Any principal. */
		READ,

		/** An admin principal only. */
		ADMIN

	}

	private static final Set<String> PROBES = Set.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private static final Pattern LOOKUP = Pattern.compile("/subjects/[^/]+");

	private static final Pattern COMPATIBILITY_CHECK = Pattern.compile("/compatibility/.+");

	private RegistryAccess() {
	}

	/**
	 * The right the request needs, judged on both forms of its path (as sent, and as the
	 * servlet container normalised it) with the stricter answer kept, so no spelling of a
	 * path (dot segments, path parameters, encodings) reads as a look-up to this rule and
	 * as a registration to the router.
	 */
	static Right required(String method, String rawPath, String normalisedPath) {
		Right raw = required(method, rawPath);
		Right normalised = required(method, normalisedPath);
		return (raw.compareTo(normalised) >= 0) ? raw : normalised;
	}

	static Right required(String method, String path) {
		if (READ_METHODS.contains(method)) {
			return PROBES.contains(path) ? Right.NONE : Right.READ;
		}
		if ("POST".equals(method) && (LOOKUP.matcher(path).matches() || COMPATIBILITY_CHECK.matcher(path).matches())) {
			return Right.READ;
		}
		return Right.ADMIN;
	}

}
