package io.removaltracker.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Checks, before anything reads or writes, that each declared topic that already existed
 * is the topic the code expects: the declared number of partitions (a caseId must land on
 * the same partition in every topic keyed by case) and the declared settings (a history
 * topic that is deleted after a week, or a compacted one that is not, loses data in
 * silence). A difference stops the start with a message naming it; nothing is changed on
 * the broker, since fixing a live topic is an operator's decision.
 */
public final class DeclaredTopicsCheck implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeclaredTopicsCheck.class);

	private static final long METADATA_WAIT_MS = 30_000;

	private final Map<String, Object> adminConfig;

	private final Supplier<Collection<NewTopic>> declared;

	private volatile boolean running;

	/**
	 * @param declared the topics, asked once every bean has declared its own
	 */
	public DeclaredTopicsCheck(Map<String, Object> adminConfig, Supplier<Collection<NewTopic>> declared) {
		this.adminConfig = adminConfig;
		this.declared = declared;
	}

	@Override
	public void start() {
		List<NewTopic> topics = List.copyOf(this.declared.get());
		if (!topics.isEmpty()) {
			List<String> differences = differences(topics);
			if (!differences.isEmpty()) {
				throw new IllegalStateException(
						"Existing topics differ from what this service declares: " + String.join("; ", differences)
								+ ". Fix the topic (or delete it in a development stack) and start again.");
			}
			log.info("Topics checked: {}", topics.stream().map(NewTopic::name).toList());
		}
		this.running = true;
	}

	/**
	 * Every difference between the declared topics and the broker's, in words. A topic
	 * created a moment ago may not be known to every broker yet: asked again for up to
	 * {@value #METADATA_WAIT_MS} ms.
	 */
	List<String> differences(List<NewTopic> declaredTopics) {
		long deadline = System.nanoTime() + METADATA_WAIT_MS * 1_000_000;
		long pause = 100;
		while (true) {
			try {
				return describeAndCompare(declaredTopics);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
					throw new IllegalStateException("Cannot describe the topics "
							+ declaredTopics.stream().map(NewTopic::name).toList() + ": " + ex.getCause(), ex);
				}
				LockSupport.parkNanos(pause * 1_000_000);
				pause = Math.min(pause * 2, 2_000);
			}
		}
	}

	private List<String> describeAndCompare(List<NewTopic> declaredTopics) throws ExecutionException {
		List<String> names = declaredTopics.stream().map(NewTopic::name).toList();
		try (Admin admin = Admin.create(this.adminConfig)) {
			Map<String, TopicDescription> topics = admin.describeTopics(names)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			Map<ConfigResource, Config> configs = admin
				.describeConfigs(
						names.stream().map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			Map<String, Config> byName = configs.entrySet()
				.stream()
				.collect(Collectors.toMap((entry) -> entry.getKey().name(), Map.Entry::getValue));
			List<String> differences = new ArrayList<>();
			for (NewTopic topic : declaredTopics) {
				differences.addAll(differences(topic, topics.get(topic.name()), byName.get(topic.name())));
			}
			return differences;
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not describe the topics " + names + " within 30 s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking the topics", ex);
		}
	}

	static List<String> differences(NewTopic declared, TopicDescription actual, Config config) {
		List<String> differences = new ArrayList<>();
		int partitions = actual.partitions().size();
		if (declared.numPartitions() > 0 && partitions != declared.numPartitions()) {
			differences
				.add(declared.name() + " has " + partitions + " partitions, declared " + declared.numPartitions());
		}
		Map<String, String> actualSettings = (config == null) ? Map.of()
				: config.entries()
					.stream()
					.filter((entry) -> entry.value() != null)
					.collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value, (a, b) -> a));
		Map<String, String> wanted = (declared.configs() == null) ? Map.of() : declared.configs();
		wanted.forEach((key, value) -> {
			String actualValue = actualSettings.get(key);
			if (!value.equals(actualValue)) {
				differences.add(declared.name() + " has " + key + "=" + actualValue + ", declared " + value);
			}
		});
		return differences;
	}

	/** First of all lifecycle beans: after the topics are created, before any reader. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
