package io.removaltracker.caseservice.intake;

import io.removaltracker.testing.EmbeddedKafkaAndRegistry;
import io.removaltracker.testing.KafkaAndRegistry;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Kafka intake on the test JVM's embedded broker and in-process registry. */
class KafkaIntakeTest extends AbstractKafkaIntakeTest {

	private static final KafkaAndRegistry KAFKA = EmbeddedKafkaAndRegistry.shared();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		KAFKA.serviceSettings(registry, stateDir);
	}

	@Override
	protected KafkaAndRegistry kafka() {
		return KAFKA;
	}

}
