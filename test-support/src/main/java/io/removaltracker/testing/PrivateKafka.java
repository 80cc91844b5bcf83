package io.removaltracker.testing;

import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A broker for one test class alone, for tests that need the contract's fixed topic names
 * and consumer groups to themselves:
 * {@code @RegisterExtension static final PrivateKafka kafka = new PrivateKafka();}. It
 * comes with an in-process registry of its own, as a cluster comes with its registry.
 */
public final class PrivateKafka implements BeforeAllCallback, AfterAllCallback, KafkaAndRegistry {

	private final String registryUrl = "mock://private-kafka-" + UUID.randomUUID().toString().substring(0, 8);

	private EmbeddedKafkaKraftBroker broker;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.broker = SharedKafka.privateBroker();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.broker.destroy();
	}

	@Override
	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Override
	public String registryUrl() {
		return this.registryUrl;
	}

	@Override
	public String toString() {
		return "private embedded broker and " + this.registryUrl;
	}

}
