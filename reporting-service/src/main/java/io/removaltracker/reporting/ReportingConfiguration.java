package io.removaltracker.reporting;

import java.time.Clock;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topics;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.reporting.api.StatsBroadcast;
import io.removaltracker.reporting.feed.FiguresFeed;
import io.removaltracker.reporting.figures.NationalFigures;
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

/** Wires the figures, the feed that fills them, and the broadcast that sends them out. */
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

	@Bean(destroyMethod = "close")
	StatsBroadcast statsBroadcast(NationalFigures figures, Clock clock, ServiceKafka kafka, MeterRegistry meters) {
		KafkaProducer<String, StatsSnapshot> producer = new KafkaProducer<>(kafka.producerConfig(),
				new StringSerializer(), Topics.CASE_STATS.valueSerde(kafka.serdeConfig()).serializer());
		return new StatsBroadcast(figures, clock, producer, meters);
	}

	@Bean
	FiguresFeed figuresFeed(ServiceKafka kafka, NationalFigures figures, StatsBroadcast broadcast,
			MeterRegistry meters) {
		FiguresFeed feed = new FiguresFeed(kafka.consumerConfig(), kafka.serdeConfig(), figures, broadcast, meters);
		broadcast.broadcastWhen(feed::isCaughtUp);
		return feed;
	}

	/** DOWN until everything committed before the start has been read. */
	@Bean
	HealthIndicator figuresHealthIndicator(FiguresFeed feed) {
		return () -> feed.isCaughtUp() ? Health.up().build()
				: Health.down().withDetail("reason", "still reading case-events and wanted-flags").build();
	}

}
