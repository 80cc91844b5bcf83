package io.removaltracker.testing;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where the Kafka cluster and the schema registry are that a test runs a service against.
 * An integration test body asks this alone, so the same body runs on the embedded broker
 * ({@link EmbeddedKafkaAndRegistry}, {@link PrivateKafka}) and on the real images where
 * Docker runs ({@link KafkaAndRegistryContainers}).
 */
public interface KafkaAndRegistry {

	/** The cluster's bootstrap address, as a client outside the cluster reaches it. */
	String bootstrapServers();

	/**
	 * The registry the cluster's services share: {@code mock://scope} in process,
	 * {@code http://host:port} for a real one.
	 */
	String registryUrl();

	/** The settings our serde needs to reach the registry. */
	default Map<String, Object> serdeConfig() {
		return Map.of("schema.registry.url", registryUrl());
	}

	/**
	 * Points a service under test at this cluster and registry, with a state directory of
	 * its own, and at the {@link TestIssuer} for its bearer tokens. The addresses are
	 * read when the service starts, after a container has started.
	 */
	default void serviceSettings(DynamicPropertyRegistry registry, Path stateDir) {
		registry.add("spring.kafka.bootstrap-servers", this::bootstrapServers);
		registry.add("spring.kafka.properties.schema.registry.url", this::registryUrl);
		registry.add("spring.kafka.streams.state-dir", stateDir::toString);
		TestIssuer.serviceSettings(registry);
	}

}
