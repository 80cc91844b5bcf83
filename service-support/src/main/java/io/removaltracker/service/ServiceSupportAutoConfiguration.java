package io.removaltracker.service;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a service gets by depending on service-support: problem+json answers and
 * {@link ServiceKafka}. Spring Boot's own Kafka auto-configuration provides the
 * {@code KafkaAdmin} that creates each service's declared topics.
 */
@AutoConfiguration
@Import(ProblemHandling.class)
public class ServiceSupportAutoConfiguration {

	@Bean
	ServiceKafka serviceKafka(KafkaProperties kafka, MeterRegistry meters, ApplicationEventPublisher events) {
		return new ServiceKafka(kafka, meters, events);
	}

	/** Every topic the service declares, checked against the broker before it starts. */
	@Bean
	DeclaredTopicsCheck declaredTopicsCheck(KafkaProperties kafka, ServiceKafka serviceKafka) {
		return new DeclaredTopicsCheck(kafka.buildAdminProperties(), serviceKafka::declaredTopics);
	}

}
