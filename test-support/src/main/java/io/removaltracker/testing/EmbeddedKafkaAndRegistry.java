package io.removaltracker.testing;

/**
 * The broker every test of the JVM shares ({@link SharedKafka}) with its in-process
 * registry ({@link SharedKafka#REGISTRY_URL}): what the embedded integration tests run
 * on.
 */
public final class EmbeddedKafkaAndRegistry implements KafkaAndRegistry {

	private static final EmbeddedKafkaAndRegistry SHARED = new EmbeddedKafkaAndRegistry();

	private EmbeddedKafkaAndRegistry() {
	}

	/** The shared broker, started on first use, and its registry. */
	public static KafkaAndRegistry shared() {
		return SHARED;
	}

	@Override
	public String bootstrapServers() {
		return SharedKafka.bootstrapServers();
	}

	@Override
	public String registryUrl() {
		return SharedKafka.REGISTRY_URL;
	}

	@Override
	public String toString() {
		return "embedded broker and " + registryUrl();
	}

}
