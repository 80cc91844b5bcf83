package io.removaltracker.caseservice;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.caseservice.intake.IntakeGateway;
import io.removaltracker.caseservice.intake.IntakeHealth;
import io.removaltracker.caseservice.intake.IntakeMetrics;
import io.removaltracker.caseservice.intake.IntakeRuntime;
import io.removaltracker.caseservice.intake.IntakeTopics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires intake: topics first, then the HTTP gateway and the streams that decide. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	/** Exists once the topics do; the gateway and the streams need them. */
	record EnsuredTopics(List<String> names) {
	}

	@Bean
	EnsuredTopics intakeTopics(KafkaProperties kafka, CaseServiceProperties properties) {
		return new EnsuredTopics(IntakeTopics.ensure(kafka, properties.topicReplication()));
	}

	@Bean(destroyMethod = "close")
	IntakeGateway intakeGateway(KafkaProperties kafka, CaseServiceProperties properties, EnsuredTopics topics) {
		return new IntakeGateway(kafka, Map.of("schema.registry.url", properties.schemaRegistryUrl()));
	}

	@Bean
	IntakeRuntime intakeRuntime(KafkaProperties kafka, CaseServiceProperties properties, EnsuredTopics topics,
			MeterRegistry meters, @Value("${case-service.advertised-host:127.0.0.1}") String advertisedHost) {
		return new IntakeRuntime(kafka, properties, advertisedHost, new IntakeMetrics(meters), meters);
	}

	@Bean
	HealthIndicator intakeStreams(IntakeRuntime runtime) {
		return new IntakeHealth(runtime);
	}

}
