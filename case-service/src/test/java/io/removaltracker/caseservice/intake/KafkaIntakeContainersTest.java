package io.removaltracker.caseservice.intake;

import io.removaltracker.testing.KafkaAndRegistry;
import io.removaltracker.testing.KafkaAndRegistryContainers;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Kafka intake on {@code apache/kafka} and Confluent's schema registry: the records
 * the test writes and reads, and those the service writes, go through our serde against
 * the real registry. Skipped where no Docker engine answers.
 */
@Tag("containers")
@Testcontainers(disabledWithoutDocker = true)
class KafkaIntakeContainersTest extends AbstractKafkaIntakeTest {

	@Container
	static final KafkaAndRegistryContainers KAFKA = new KafkaAndRegistryContainers();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		KAFKA.serviceSettings(registry, stateDir);
	}

	@Override
	protected KafkaAndRegistry kafka() {
		return KAFKA;
	}

}
