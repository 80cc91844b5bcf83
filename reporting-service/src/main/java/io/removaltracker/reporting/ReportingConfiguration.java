package io.removaltracker.reporting;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topic;
import io.removaltracker.events.Topics;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.reporting.api.StatsBroadcast;
import io.removaltracker.reporting.feed.FiguresFeed;
import io.removaltracker.reporting.figures.NationalFigures;
import io.removaltracker.service.KafkaTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the figures, the feed that fills them, and the broadcast that sends them out. */
@Configuration(proxyBeanMethods = false)
class ReportingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ReportingConfiguration.class);

	/** What reporting-service reads and writes. */
	static final List<Topic<?>> TOPICS = List.of(Topics.CASE_EVENTS, Topics.WANTED_FLAGS, Topics.CASE_STATS);

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
	StatsBroadcast statsBroadcast(NationalFigures figures, Clock clock, KafkaProperties kafka,
			ReportingProperties properties, MeterRegistry meters) {
		KafkaTopics.ensure(kafka.buildAdminProperties(),
				TOPICS.stream().map((topic) -> topic.newTopic(properties.topicReplication())).toList());
		Map<String, Object> producerConfig = kafka.buildProducerProperties();
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		KafkaProducer<String, StatsSnapshot> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
				Topics.CASE_STATS.valueSerde(serdeConfig(properties)).serializer());
		return new StatsBroadcast(figures, clock, producer, meters);
	}

	@Bean(destroyMethod = "close")
	FiguresFeed figuresFeed(KafkaProperties kafka, ReportingProperties properties, NationalFigures figures,
			StatsBroadcast broadcast, MeterRegistry meters) {
		FiguresFeed feed = new FiguresFeed(kafka.buildConsumerProperties(), serdeConfig(properties), figures, broadcast,
				meters);
		broadcast.broadcastWhen(feed::isCaughtUp);
		return feed;
	}

	/** DOWN until everything committed before the start has been read. */
	@Bean
	HealthIndicator figuresHealthIndicator(FiguresFeed feed) {
		return () -> feed.isCaughtUp() ? Health.up().build()
				: Health.down().withDetail("reason", "still reading case-events and wanted-flags").build();
	}

	private static Map<String, Object> serdeConfig(ReportingProperties properties) {
		return Map.of("schema.registry.url", properties.schemaRegistryUrl());
	}

}
