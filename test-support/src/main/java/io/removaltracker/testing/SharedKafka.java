package io.removaltracker.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real single-node KRaft broker per test JVM, started on first use and stopped when
 * the JVM exits. Starting a broker costs about two seconds; sharing it keeps the suite
 * fast, and {@link #uniqueTopic(String)} keeps tests from sharing topics.
 */
public final class SharedKafka {

	/**
	 * The in-process schema registry that goes with the shared broker: tests that share
	 * its topics must share the registry too, as services on one cluster share one
	 * registry.
	 */
	public static final String REGISTRY_URL = "mock://shared-kafka";

	private static EmbeddedKafkaKraftBroker broker;

	private SharedKafka() {
	}

	/** The broker's bootstrap address; the broker picks a random loopback port. */
	public static synchronized String bootstrapServers() {
		if (broker == null) {
			broker = start();
			Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "shared-kafka-stop"));
		}
		return broker.getBrokersAsString();
	}

	/**
	 * Points a service under test at the shared broker and a registry, with a state
	 * directory of its own, and at the {@link TestIssuer} for its bearer tokens: the
	 * settings every service takes (service-defaults).
	 */
	public static void serviceSettings(DynamicPropertyRegistry registry, String registryUrl, Path stateDir) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
		registry.add("spring.kafka.properties.schema.registry.url", () -> registryUrl);
		registry.add("spring.kafka.streams.state-dir", stateDir::toString);
		TestIssuer.serviceSettings(registry);
	}

	/** A topic name no other test uses, so tests never see each other's records. */
	public static String uniqueTopic(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Creates topics on the shared broker, which does not create them on first use: a
	 * test that forgets a topic fails at once instead of racing auto-creation.
	 */
	public static void createTopics(NewTopic... topics) {
		bootstrapServers();
		broker.addTopics(topics);
	}

	/** Creates a topic with the given partitions, replication factor 1. */
	public static String createTopic(String name, int partitions) {
		createTopics(new NewTopic(name, partitions, (short) 1));
		return name;
	}

	/**
	 * A broker of its own, for tests that need topics with the contract's fixed names to
	 * themselves; the caller destroys it.
	 */
	public static EmbeddedKafkaKraftBroker privateBroker() {
		return start();
	}

	private static EmbeddedKafkaKraftBroker start() {
		EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 1);
		// One node: internal topics must fit on it, or exactly-once clients hang waiting
		// for __transaction_state.
		kraft.brokerProperties(Map.of("offsets.topic.replication.factor", "1",
				"transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
				"group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "false"));
		kraft.afterPropertiesSet();
		return kraft;
	}

}
