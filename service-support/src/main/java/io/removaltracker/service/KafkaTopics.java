package io.removaltracker.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service reads and writes, as declared, when they are missing; an
 * existing topic is left as it is. A service can then start before the others, and a
 * broker that is not there is named in a clear message.
 */
public final class KafkaTopics {

	private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

	private KafkaTopics() {
	}

	public static void ensure(Map<String, Object> adminConfig, List<NewTopic> topics) {
		Map<String, Object> config = new java.util.HashMap<>(adminConfig);
		config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		Object brokers = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		try (Admin admin = Admin.create(config)) {
			for (NewTopic topic : topics) {
				try {
					admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
					log.info("Created topic {} ({} partitions)", topic.name(), topic.numPartitions());
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Cannot create topic " + topic.name() + ": " + ex.getCause(),
								ex);
					}
				}
			}
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(
					"Kafka at " + brokers + " did not answer within 30 s; is the broker running?", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
	}

}
