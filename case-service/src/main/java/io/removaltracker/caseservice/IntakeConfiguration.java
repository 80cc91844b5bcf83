package io.removaltracker.caseservice;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.caseservice.access.AccessAudit;
import io.removaltracker.caseservice.access.ForwardedReads;
import io.removaltracker.caseservice.access.SigningKey;
import io.removaltracker.caseservice.intake.CaseQueries;
import io.removaltracker.caseservice.intake.IntakeGateway;
import io.removaltracker.caseservice.intake.IntakeMetrics;
import io.removaltracker.caseservice.intake.IntakeTopology;
import io.removaltracker.caseservice.limits.PrincipalRateLimits;
import io.removaltracker.events.Topics;
import io.removaltracker.service.ServiceKafka;
import io.removaltracker.service.StreamsHealth;
import io.removaltracker.service.StreamsRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires intake: its topics, the HTTP gateway, the streams that decide, and the record of
 * who did what.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

	@Bean
	KafkaAdmin.NewTopics intakeTopics(ServiceKafka kafka) {
		return kafka.topics(Topics.CASE_INTAKE, Topics.CASE_INTAKE_REJECTED, Topics.CASE_INTAKE_OUTCOMES,
				Topics.CASE_EVENTS, Topics.ACCESS_AUDIT);
	}

	/**
	 * The key instances vouch for their HTTP callers with. Without a shared secret each
	 * instance has its own, so another instance cannot verify what this one vouched for:
	 * the events it decides for this one are recorded as Kafka events, and reads it is
	 * passed are recorded twice.
	 */
	@Bean
	SigningKey instanceSigningKey(CaseServiceProperties properties) {
		String secret = properties.intakeSigningSecret();
		if (secret == null || secret.isEmpty()) {
			log.warn("case-service.intake-signing-secret is not set: using a random key known to this instance only."
					+ " Every deployment of more than one instance must give them all the same secret, or events"
					+ " reported over HTTP to one instance and decided by another are recorded as reported over Kafka");
			return SigningKey.random();
		}
		return SigningKey.fromSecret(secret);
	}

	@Bean
	IntakeGateway intakeGateway(ServiceKafka kafka, CaseServiceProperties properties, SigningKey instanceSigningKey) {
		return new IntakeGateway(kafka, properties.verdictTimeout(), instanceSigningKey);
	}

	@Bean
	StreamsRuntime intakeStreams(ServiceKafka kafka, CaseServiceProperties properties, MeterRegistry meters,
			SigningKey instanceSigningKey) {
		IntakeMetrics metrics = new IntakeMetrics(meters);
		return kafka
			.streams("Intake",
					() -> IntakeTopology.build(kafka.serdeConfig(), Clock.systemUTC(), metrics, instanceSigningKey))
			.advertisedAt(properties.advertisedHost());
	}

	/**
	 * Each caller's allowance on {@code POST /api/v1/events}, so one client that floods
	 * intake is refused with 429 while the others go on.
	 */
	@Bean
	PrincipalRateLimits intakeRateLimits(CaseServiceProperties properties) {
		CaseServiceProperties.RateLimit limit = properties.intake().rateLimit();
		return new PrincipalRateLimits(limit.eventsPerSecond(), limit.burst(), Clock.systemUTC());
	}

	@Bean
	AccessAudit accessAudit(ServiceKafka kafka, CaseServiceProperties properties, MeterRegistry meters) {
		return new AccessAudit(kafka, properties.auditTimeout(), Clock.systemUTC(), meters);
	}

	@Bean
	ForwardedReads forwardedReads(SigningKey instanceSigningKey) {
		return new ForwardedReads(instanceSigningKey, Clock.systemUTC());
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
