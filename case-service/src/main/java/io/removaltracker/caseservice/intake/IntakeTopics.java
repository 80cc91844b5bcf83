package io.removaltracker.caseservice.intake;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.removaltracker.events.Topic;
import io.removaltracker.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The topics case-service reads and writes, created as the topic list declares them if
 * missing.
 */
public final class IntakeTopics {

	static final List<Topic<?>> TOPICS = List.of(Topics.CASE_INTAKE, Topics.CASE_INTAKE_REJECTED,
			Topics.CASE_INTAKE_OUTCOMES, Topics.CASE_EVENTS);

	private static final Logger log = LoggerFactory.getLogger(IntakeTopics.class);

	private IntakeTopics() {
	}

	/**
	 * Creates what is missing; an existing topic is left as it is. Returns the names
	 * ensured.
	 */
	public static List<String> ensure(KafkaProperties kafka, short replication) {
		Map<String, Object> adminConfig = kafka.buildAdminProperties();
		adminConfig.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		try (Admin admin = Admin.create(adminConfig)) {
			for (Topic<?> topic : TOPICS) {
				try {
					admin.createTopics(List.of(topic.newTopic(replication))).all().get(30, TimeUnit.SECONDS);
					log.info("Created topic {} ({} partitions)", topic.name(), topic.partitions());
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
					"Kafka at " + kafka.getBootstrapServers() + " did not answer within 30 s; is the broker running?",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		return TOPICS.stream().map(Topic::name).toList();
	}

}
