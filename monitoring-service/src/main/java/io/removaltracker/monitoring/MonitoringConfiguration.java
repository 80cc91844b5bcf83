package io.removaltracker.monitoring;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topic;
import io.removaltracker.events.Topics;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.monitoring.flags.WantedListener;
import io.removaltracker.monitoring.flags.WantedQueries;
import io.removaltracker.monitoring.flags.WantedTopology;
import io.removaltracker.service.KafkaTopics;
import io.removaltracker.service.StreamsHealth;
import io.removaltracker.service.StreamsRuntime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the wanted-flag streams, the queries on them, their health and their metrics. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

	static final String APPLICATION_ID = "monitoring-service";

	/** What monitoring-service reads and writes. */
	static final List<Topic<?>> TOPICS = List.of(Topics.CASE_EVENTS, Topics.WANTED_FLAGS);

	@Bean
	StreamsRuntime wantedStreams(KafkaProperties kafka, MonitoringProperties properties, MeterRegistry meters,
			@Value("${monitoring-service.advertised-host:127.0.0.1}") String advertisedHost) {
		KafkaTopics.ensure(kafka.buildAdminProperties(),
				TOPICS.stream().map((topic) -> topic.newTopic(properties.topicReplication())).toList());
		Properties config = new Properties();
		config.putAll(kafka.buildStreamsProperties());
		config.putAll(StreamsRuntime.exactlyOnce(APPLICATION_ID, String.join(",", kafka.getBootstrapServers()),
				properties.stateDir().toString(), properties.commitInterval(), properties.pollInterval(),
				properties.topicReplication(), properties.streamThreads()));
		Map<String, Object> serdeConfig = Map.of("schema.registry.url", properties.schemaRegistryUrl());
		WantedListener metrics = new FlagMetrics(meters);
		return new StreamsRuntime("Wanted", () -> WantedTopology.build(serdeConfig, metrics), config, advertisedHost,
				meters);
	}

	@Bean
	WantedQueries wantedQueries(StreamsRuntime wantedStreams, MeterRegistry meters) {
		WantedQueries queries = new WantedQueries(wantedStreams);
		Gauge.builder("wanted.now", queries, WantedQueries::wantedNowOrNaN)
			.description("Cases wanted now, nationally")
			.register(meters);
		return queries;
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * DOWN until the stores are restored and the processor runs; in the readiness group.
	 */
	@Bean
	HealthIndicator wantedHealthIndicator(StreamsRuntime wantedStreams) {
		return new StreamsHealth(wantedStreams);
	}

	/** {@code wanted_flag_changes_total{change, reason}} and events seen twice. */
	static final class FlagMetrics implements WantedListener {

		private final MeterRegistry meters;

		FlagMetrics(MeterRegistry meters) {
			this.meters = meters;
		}

		@Override
		public void changed(WantedFlagEvent change) {
			boolean raised = change.getClearReason() == null;
			Counter.builder("wanted.flag.changes")
				.description("Wanted flags raised and cleared by this instance")
				.tag("change", raised ? "raised" : "cleared")
				.tag("reason", raised ? change.getReason().name() : change.getClearReason().name())
				.register(this.meters)
				.increment();
		}

		@Override
		public void alreadySeen() {
			Counter.builder("wanted.case.events.already.seen")
				.description("Case events skipped because their sequence was applied before (replay, redelivery)")
				.register(this.meters)
				.increment();
		}

	}

}
