package io.removaltracker.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A broker for one test class alone, for tests that need the contract's fixed topic names
 * and consumer groups to themselves:
 * {@code @RegisterExtension static final PrivateKafka kafka = new PrivateKafka();}.
 */
public final class PrivateKafka implements BeforeAllCallback, AfterAllCallback {

	private EmbeddedKafkaKraftBroker broker;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.broker = SharedKafka.privateBroker();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.broker.destroy();
	}

	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

}
