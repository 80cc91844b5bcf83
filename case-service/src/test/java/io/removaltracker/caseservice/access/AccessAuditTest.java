package io.removaltracker.caseservice.access;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.removaltracker.events.audit.AccessAction;
import io.removaltracker.service.ServiceKafka;
import io.removaltracker.service.ServiceUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessAuditTest {

	@Test
	void aReadKafkaDoesNotTakeInTimeIsRefusedAsUnavailable() throws IOException {
		KafkaProperties properties = new KafkaProperties();
		properties.setBootstrapServers(List.of("127.0.0.1:" + closedPort()));
		properties.getProperties().put("schema.registry.url", "mock://access-audit-test");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ServiceKafka kafka = new ServiceKafka(properties, meters, (event) -> {
		});

		try (AccessAudit audit = new AccessAudit(kafka, Duration.ofSeconds(1), Clock.systemUTC(), meters)) {
			assertThatThrownBy(() -> audit.record("officer-console", AccessAction.READ_CASE, "C-1", true))
				.isInstanceOf(ServiceUnavailableException.class)
				.hasMessageContaining("access-audit")
				.hasMessageContaining("no case is shown without its audit record");
		}
		assertThat(meters.get("case.access.audit.failures").counter().count()).isEqualTo(1);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
