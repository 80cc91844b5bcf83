package io.removaltracker.caseservice.intake;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeHealthTest {

	@Test
	void downUntilTheProcessorHasStarted() {
		IntakeRuntime notStarted = new IntakeRuntime(null, null, "127.0.0.1", IntakeListener.NONE,
				new SimpleMeterRegistry());

		Health health = new IntakeHealth(notStarted).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
	}

}
