package io.removaltracker.monitoring;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topics;
import io.removaltracker.monitoring.flags.FlagMetrics;
import io.removaltracker.monitoring.flags.WantedIndex;
import io.removaltracker.monitoring.flags.WantedListener;
import io.removaltracker.monitoring.flags.WantedQueries;
import io.removaltracker.monitoring.flags.WantedTopology;
import io.removaltracker.service.ServiceKafka;
import io.removaltracker.service.StreamsHealth;
import io.removaltracker.service.StreamsRuntime;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the wanted-flag streams, the queries on them, their health and their metrics. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

	@Bean
	KafkaAdmin.NewTopics wantedTopics(ServiceKafka kafka) {
		return kafka.topics(Topics.CASE_EVENTS, Topics.WANTED_FLAGS);
	}

	/**
	 * The cases wanted now, in memory beside the global table; the same one across
	 * restarts of the streams, each of which rebuilds it from the table.
	 */
	@Bean
	WantedIndex wantedIndex() {
		return new WantedIndex();
	}

	@Bean
	StreamsRuntime wantedStreams(ServiceKafka kafka, MeterRegistry meters, WantedIndex wantedIndex) {
		WantedListener metrics = new FlagMetrics(meters);
		return kafka.streams("Wanted", () -> WantedTopology.build(kafka.serdeConfig(), metrics, wantedIndex));
	}

	@Bean
	WantedQueries wantedQueries(StreamsRuntime wantedStreams, WantedIndex wantedIndex, MeterRegistry meters) {
		WantedQueries queries = new WantedQueries(wantedStreams, wantedIndex);
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

}
