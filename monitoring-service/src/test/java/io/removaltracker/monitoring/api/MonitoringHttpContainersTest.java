package io.removaltracker.monitoring.api;

import io.removaltracker.testing.KafkaAndRegistry;
import io.removaltracker.testing.KafkaAndRegistryContainers;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * monitoring-service on {@code apache/kafka} and Confluent's schema registry: the case
 * events the test writes and the flags the service writes go through our serde against
 * the real registry. Skipped where no Docker engine answers.
 */
@Tag("containers")
@Testcontainers(disabledWithoutDocker = true)
class MonitoringHttpContainersTest extends AbstractMonitoringHttpTest {

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
