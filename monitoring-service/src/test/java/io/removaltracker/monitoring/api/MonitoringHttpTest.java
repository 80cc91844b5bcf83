package io.removaltracker.monitoring.api;

import io.removaltracker.testing.EmbeddedKafkaAndRegistry;
import io.removaltracker.testing.KafkaAndRegistry;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** monitoring-service on the test JVM's embedded broker and in-process registry. */
class MonitoringHttpTest extends AbstractMonitoringHttpTest {

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
