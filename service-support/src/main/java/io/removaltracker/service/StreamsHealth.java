package io.removaltracker.service;

import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN until the stores are restored and the processor runs (and while partitions move,
 * or while it waits for a dependency that could not answer, named in {@code waitingFor}),
 * so a load balancer sends no request that could only time out. Meant for the readiness
 * group.
 */
public final class StreamsHealth implements HealthIndicator {

	private final StreamsRuntime runtime;

	public StreamsHealth(StreamsRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Health health() {
		Optional<String> waitingFor = this.runtime.waitingFor();
		Health.Builder health = (this.runtime.isRunning() && waitingFor.isEmpty()) ? Health.up() : Health.down();
		waitingFor.ifPresent((reason) -> health.withDetail("waitingFor", reason));
		return health.withDetail("state", this.runtime.describeState()).build();
	}

}
