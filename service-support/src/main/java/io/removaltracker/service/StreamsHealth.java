package io.removaltracker.service;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN until the stores are restored and the processor runs (and while partitions move),
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
		Health.Builder health = this.runtime.isRunning() ? Health.up() : Health.down();
		return health.withDetail("state", this.runtime.describeState()).build();
	}

}
