package io.removaltracker.serde.registry;

/**
 * Where an {@link InMemoryRegistry} makes its changes durable before applying them. The
 * in-process registry keeps nothing; the development registry server writes to a Kafka
 * topic. A journal that throws leaves the registry unchanged.
 */
public interface RegistryJournal {

	/** Keeps nothing: for the in-process {@code mock://} registry. */
	RegistryJournal NONE = new RegistryJournal() {
		@Override
		public void schemaRegistered(RegisteredSchema registered) {
		}

		@Override
		public void compatibilitySet(String subject, CompatibilityLevel level) {
		}
	};

	void schemaRegistered(RegisteredSchema registered);

	/** {@code subject} is null for the global level. */
	void compatibilitySet(String subject, CompatibilityLevel level);

}
