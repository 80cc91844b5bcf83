package io.removaltracker.service;

import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamsHealthTest {

	private final StreamsRuntime notStarted = new StreamsRuntime("test", Topology::new, new Properties(),
			new SimpleMeterRegistry());

	@Test
	void downUntilTheProcessorHasStarted() {
		Health health = new StreamsHealth(this.notStarted).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
	}

	@Test
	void queriesBeforeTheStartAreUnavailableNotErrors() {
		assertThatThrownBy(this.notStarted::streams).isInstanceOf(ServiceUnavailableException.class)
			.hasMessageContaining("not started");
	}

}
