package io.removaltracker.reporting.api;

import io.removaltracker.testing.KafkaAndRegistry;
import io.removaltracker.testing.KafkaAndRegistryContainers;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * reporting-service on {@code apache/kafka} and Confluent's schema registry: the
 * histories the test writes and the snapshots the service publishes go through our serde
 * against the real registry. Skipped where no Docker engine answers.
 */
@Tag("containers")
@Testcontainers(disabledWithoutDocker = true)
class ReportingIntegrationContainersTest extends AbstractReportingIntegrationTest {

	@Container
	static final KafkaAndRegistryContainers KAFKA = new KafkaAndRegistryContainers();

	@Override
	protected KafkaAndRegistry kafka() {
		return KAFKA;
	}

}
