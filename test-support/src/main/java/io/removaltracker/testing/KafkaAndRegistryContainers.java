package io.removaltracker.testing;

import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.DockerImageName;

/**
 * Apache Kafka and Confluent's schema registry in containers, the images and tags
 * {@code docker-compose.yml} runs, on a network of their own. A test class holds one as
 * {@code @Container static final KafkaAndRegistryContainers kafka = ...} under
 * {@code @Testcontainers(disabledWithoutDocker = true)}: started before its first test,
 * stopped after its last, skipped with the reason where no Docker engine answers.
 * <p>
 * The registry is the real one over HTTP, so the services' own serde registers and looks
 * up schemas against Confluent's server, not against our in-process stand-in.
 */
public final class KafkaAndRegistryContainers implements KafkaAndRegistry, Startable {

	/** The broker image, pinned as in {@code docker-compose.yml}. */
	public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

	/** The registry image, pinned as in {@code docker-compose.yml}. */
	public static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:7.9.0";

	private static final int REGISTRY_PORT = 8081;

	/** Where the registry reaches the broker inside the network. */
	private static final String BROKER_IN_NETWORK = "kafka:19092";

	private final Network network = Network.newNetwork();

	private final KafkaContainer kafka;

	private final GenericContainer<?> registry;

	public KafkaAndRegistryContainers() {
		this.kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE)).withNetwork(this.network)
			.withListener(BROKER_IN_NETWORK)
			// As on the embedded broker: a topic nobody declared is an error at once,
			// never one made on first use with the broker's defaults.
			.withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
		this.registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE)).withNetwork(this.network)
			.withNetworkAliases("schema-registry")
			.withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
			.withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
			.withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + BROKER_IN_NETWORK)
			.withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
			.withExposedPorts(REGISTRY_PORT)
			.dependsOn(this.kafka)
			.waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
	}

	@Override
	public void start() {
		this.kafka.start();
		this.registry.start();
	}

	@Override
	public void stop() {
		this.registry.stop();
		this.kafka.stop();
		this.network.close();
	}

	@Override
	public String bootstrapServers() {
		return this.kafka.getBootstrapServers();
	}

	@Override
	public String registryUrl() {
		return "http://" + this.registry.getHost() + ":" + this.registry.getMappedPort(REGISTRY_PORT);
	}

	@Override
	public String toString() {
		return KAFKA_IMAGE + " and " + REGISTRY_IMAGE;
	}

}
