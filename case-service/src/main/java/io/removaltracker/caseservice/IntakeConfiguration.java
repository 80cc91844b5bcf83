package io.removaltracker.caseservice;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.caseservice.intake.CaseQueries;
import io.removaltracker.caseservice.intake.IntakeGateway;
import io.removaltracker.caseservice.intake.IntakeMetrics;
import io.removaltracker.caseservice.intake.IntakeTopology;
import io.removaltracker.events.Topic;
import io.removaltracker.events.Topics;
import io.removaltracker.service.KafkaTopics;
import io.removaltracker.service.StreamsHealth;
import io.removaltracker.service.StreamsRuntime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires intake: topics first, then the HTTP gateway and the streams that decide. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	static final String APPLICATION_ID = "case-service";

	/** Exists once the topics do; the gateway and the streams need them. */
	record EnsuredTopics(List<String> names) {
	}

	/** The topics case-service reads and writes. */
	static final List<Topic<?>> TOPICS = List.of(Topics.CASE_INTAKE, Topics.CASE_INTAKE_REJECTED,
			Topics.CASE_INTAKE_OUTCOMES, Topics.CASE_EVENTS);

	@Bean
	EnsuredTopics intakeTopics(KafkaProperties kafka, CaseServiceProperties properties) {
		KafkaTopics.ensure(kafka.buildAdminProperties(),
				TOPICS.stream().map((topic) -> topic.newTopic(properties.topicReplication())).toList());
		return new EnsuredTopics(TOPICS.stream().map(Topic::name).toList());
	}

	@Bean(destroyMethod = "close")
	IntakeGateway intakeGateway(KafkaProperties kafka, CaseServiceProperties properties, EnsuredTopics topics) {
		return new IntakeGateway(kafka, serdeConfig(properties));
	}

	@Bean
	StreamsRuntime intakeStreams(KafkaProperties kafka, CaseServiceProperties properties, EnsuredTopics topics,
			MeterRegistry meters, @Value("${case-service.advertised-host:127.0.0.1}") String advertisedHost) {
		Properties config = new Properties();
		config.putAll(kafka.buildStreamsProperties());
		config.putAll(StreamsRuntime.exactlyOnce(APPLICATION_ID, String.join(",", kafka.getBootstrapServers()),
				properties.stateDir().toString(), properties.commitInterval(), properties.pollInterval(),
				properties.topicReplication(), properties.streamThreads()));
		IntakeMetrics metrics = new IntakeMetrics(meters);
		return new StreamsRuntime("Intake",
				() -> IntakeTopology.build(serdeConfig(properties), Clock.systemUTC(), metrics), config, advertisedHost,
				meters);
	}

	@Bean
	CaseQueries caseQueries(StreamsRuntime intakeStreams) {
		return new CaseQueries(intakeStreams);
	}

	/**
	 * DOWN until the state is restored and the processor runs; in the readiness group.
	 */
	@Bean
	HealthIndicator intakeHealthIndicator(StreamsRuntime intakeStreams) {
		return new StreamsHealth(intakeStreams);
	}

	private static Map<String, Object> serdeConfig(CaseServiceProperties properties) {
		return Map.of("schema.registry.url", properties.schemaRegistryUrl());
	}

}
