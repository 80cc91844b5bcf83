package io.removaltracker.caseservice.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.removaltracker.caseservice.CaseServiceProperties;
import io.removaltracker.events.cases.CaseEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Runs the intake topology with exactly-once processing, and answers which instance holds
 * a case and what its store says.
 */
public final class IntakeStreams implements AutoCloseable {

	public static final String APPLICATION_ID = "case-service";

	private static final Logger log = LoggerFactory.getLogger(IntakeStreams.class);

	private final KafkaStreams streams;

	private final HostInfo self;

	private final KafkaStreamsMetrics metrics;

	public IntakeStreams(KafkaProperties kafka, CaseServiceProperties properties, HostInfo self,
			IntakeListener listener, MeterRegistry meters) {
		this.self = self;
		Map<String, Object> serdeConfig = Map.of("schema.registry.url", properties.schemaRegistryUrl());
		Properties config = new Properties();
		config.putAll(kafka.buildStreamsProperties());
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
		// The stream thread checks for a due commit only between polls; with the default
		// 100 ms
		// poll every HTTP verdict waited about 100 ms.
		config.put(StreamsConfig.POLL_MS_CONFIG, properties.pollInterval().toMillis());
		config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir().toString());
		config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
		config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) properties.topicReplication());
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
		this.streams = new KafkaStreams(IntakeTopology.build(serdeConfig, Clock.systemUTC(), listener), config);
		this.streams.setStateListener((now, before) -> log.info("Intake streams {} -> {}", before, now));
		this.streams.setUncaughtExceptionHandler((ex) -> {
			log.error("Intake stream thread failed; replacing it", ex);
			return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
		});
		this.metrics = new KafkaStreamsMetrics(this.streams);
		this.metrics.bindTo(meters);
		this.streams.start();
	}

	public KafkaStreams.State state() {
		return this.streams.state();
	}

	public boolean isRunning() {
		return this.streams.state() == KafkaStreams.State.RUNNING;
	}

	/**
	 * Where the case lives: empty when this instance holds it, or the other instance that
	 * does. Throws {@link NotReadyException} while partitions are being assigned.
	 */
	public Optional<HostInfo> ownerElsewhere(String caseId) {
		KeyQueryMetadata metadata = this.streams.queryMetadataForKey(CaseHistoryStore.NAME, caseId,
				Serdes.String().serializer());
		if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
			throw new NotReadyException("No instance holds case partitions yet (state " + state() + ")");
		}
		return metadata.activeHost().equals(this.self) ? Optional.empty() : Optional.of(metadata.activeHost());
	}

	/** The history of a case held by this instance. */
	public CaseHistoryStore localHistory(String caseId) {
		KeyQueryMetadata metadata = this.streams.queryMetadataForKey(CaseHistoryStore.NAME, caseId,
				Serdes.String().serializer());
		try {
			return new CaseHistoryStore(this.streams.store(StoreQueryParameters
				.fromNameAndType(CaseHistoryStore.NAME, QueryableStoreTypes.<String, CaseEvent>keyValueStore())
				.withPartition(metadata.partition())));
		}
		catch (org.apache.kafka.streams.errors.InvalidStateStoreException ex) {
			throw new NotReadyException("The case store is not queryable right now: " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.metrics.close();
		// Leaving the group hands this instance's cases to the others at once, instead of
		// after
		// the session timeout (45 s) during which nobody decides them.
		this.streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
			.withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
	}

	/**
	 * The service cannot answer yet: state is being restored or partitions reassigned.
	 */
	public static final class NotReadyException extends RuntimeException {

		public NotReadyException(String message) {
			super(message);
		}

	}

}
