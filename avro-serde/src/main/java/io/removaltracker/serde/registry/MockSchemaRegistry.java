package io.removaltracker.serde.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process registries for {@code mock://scope} URLs: one per scope per JVM, so every
 * serde configured with the same scope shares ids, and different scopes never see each
 * other.
 */
public final class MockSchemaRegistry {

	private static final Map<String, InMemoryRegistry> SCOPES = new ConcurrentHashMap<>();

	private MockSchemaRegistry() {
	}

	/** The registry of the scope, created empty on first use. */
	public static InMemoryRegistry forScope(String scope) {
		return SCOPES.computeIfAbsent(scope, (s) -> new InMemoryRegistry());
	}

	/** Forgets the scope; its next use starts from an empty registry. */
	public static void dropScope(String scope) {
		SCOPES.remove(scope);
	}

}
