package io.removaltracker.reporting;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topics;
import io.removaltracker.reporting.feed.FiguresFeed;
import io.removaltracker.reporting.figures.NationalFigures;
import io.removaltracker.reporting.publish.CaseStatsWriter;
import io.removaltracker.reporting.publish.LatestFigures;
import io.removaltracker.reporting.publish.StatsGauges;
import io.removaltracker.service.ServiceKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the figures, the feed that fills them, and the latest snapshot with its readers:
 * {@code case-stats}, Prometheus, and (in {@code api}) HTTP and the SSE stream.
 */
@Configuration(proxyBeanMethods = false)
class ReportingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ReportingConfiguration.class);

	/** What reporting-service reads and writes. */
	@Bean
	KafkaAdmin.NewTopics reportingTopics(ServiceKafka kafka) {
		return kafka.topics(Topics.CASE_EVENTS, Topics.WANTED_FLAGS, Topics.CASE_STATS);
	}

	/**
	 * The server's clock, or the fixed instant of a scenario
	 * ({@code reporting-service.as-of}).
	 */
	@Bean
	Clock clock(ReportingProperties properties) {
		if (properties.asOf() != null) {
			log.warn("Figures are computed as of the fixed instant {}, not the server's clock", properties.asOf());
			return Clock.fixed(properties.asOf(), ZoneOffset.UTC);
		}
		return Clock.systemUTC();
	}

	@Bean
	NationalFigures nationalFigures() {
		return new NationalFigures();
	}

	@Bean
	FiguresFeed figuresFeed(ServiceKafka kafka, NationalFigures figures, MeterRegistry meters) {
		return new FiguresFeed(kafka.consumerConfig(), kafka.serdeConfig(), figures, meters);
	}

	@Bean
	LatestFigures latestFigures(NationalFigures figures, FiguresFeed feed, Clock clock) {
		return new LatestFigures(figures, feed, clock);
	}

	@Bean(destroyMethod = "close")
	CaseStatsWriter caseStatsWriter(ServiceKafka kafka, LatestFigures latest) {
		CaseStatsWriter writer = new CaseStatsWriter(new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(),
				Topics.CASE_STATS.valueSerde(kafka.serdeConfig()).serializer()));
		latest.subscribe(writer);
		return writer;
	}

	@Bean
	StatsGauges statsGauges(LatestFigures latest) {
		return new StatsGauges(latest);
	}

	/**
	 * DOWN until everything committed before the start has been read, and while the feed
	 * waits for a dependency that could not answer (the registry), saying which.
	 */
	@Bean
	HealthIndicator figuresHealthIndicator(FiguresFeed feed) {
		return () -> {
			Optional<String> waitingFor = feed.waitingFor();
			if (waitingFor.isPresent()) {
				return Health.down().withDetail("waitingFor", waitingFor.get()).build();
			}
			return feed.isCaughtUp() ? Health.up().build()
					: Health.down().withDetail("reason", "still reading case-events and wanted-flags").build();
		};
	}

}
