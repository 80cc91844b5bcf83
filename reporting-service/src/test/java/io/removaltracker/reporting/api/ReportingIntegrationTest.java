package io.removaltracker.reporting.api;

import io.removaltracker.testing.KafkaAndRegistry;
import io.removaltracker.testing.PrivateKafka;
import org.junit.jupiter.api.extension.RegisterExtension;

/** reporting-service on an embedded broker and in-process registry of its own. */
class ReportingIntegrationTest extends AbstractReportingIntegrationTest {

	@RegisterExtension
	static final PrivateKafka KAFKA = new PrivateKafka();

	@Override
	protected KafkaAndRegistry kafka() {
		return KAFKA;
	}

}
