package io.removaltracker.caseservice;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.caseservice.intake.CaseQueries;
import io.removaltracker.caseservice.intake.IntakeGateway;
import io.removaltracker.caseservice.intake.IntakeMetrics;
import io.removaltracker.caseservice.intake.IntakeTopology;
import io.removaltracker.events.Topics;
import io.removaltracker.service.ServiceKafka;
import io.removaltracker.service.StreamsHealth;
import io.removaltracker.service.StreamsRuntime;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires intake: its topics, the HTTP gateway, and the streams that decide. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	@Bean
	KafkaAdmin.NewTopics intakeTopics(ServiceKafka kafka) {
		return kafka.topics(Topics.CASE_INTAKE, Topics.CASE_INTAKE_REJECTED, Topics.CASE_INTAKE_OUTCOMES,
				Topics.CASE_EVENTS);
	}

	@Bean
	IntakeGateway intakeGateway(ServiceKafka kafka, CaseServiceProperties properties) {
		return new IntakeGateway(kafka, properties.verdictTimeout());
	}

	@Bean
	StreamsRuntime intakeStreams(ServiceKafka kafka, CaseServiceProperties properties, MeterRegistry meters) {
		IntakeMetrics metrics = new IntakeMetrics(meters);
		return kafka.streams("Intake", () -> IntakeTopology.build(kafka.serdeConfig(), Clock.systemUTC(), metrics))
			.advertisedAt(properties.advertisedHost());
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

}
