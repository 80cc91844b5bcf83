package io.removaltracker.service;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Runs one Kafka Streams topology for a service. It starts once the web server knows its
 * port, because that port is this instance's {@code application.server}, the address
 * other instances use to reach it for the data it holds. It binds the client metrics,
 * replaces a failed stream thread, and on shutdown leaves the consumer group, so the
 * other instances take over at once instead of after the session timeout.
 */
public final class StreamsRuntime implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);

	private final String name;

	private final Supplier<Topology> topology;

	private final Properties config;

	private final String advertisedHost;

	private final MeterRegistry meters;

	private volatile KafkaStreams streams;

	private volatile HostInfo self;

	private KafkaStreamsMetrics metrics;

	/**
	 * @param name what the logs call these streams
	 * @param config Kafka Streams settings; {@code application.server} is added at start
	 * @param advertisedHost the host other instances reach this one at
	 */
	public StreamsRuntime(String name, Supplier<Topology> topology, Properties config, String advertisedHost,
			MeterRegistry meters) {
		this.name = name;
		this.topology = topology;
		this.config = config;
		this.advertisedHost = advertisedHost;
		this.meters = meters;
	}

	/** Exactly-once settings every stateful path uses. */
	public static Properties exactlyOnce(String applicationId, String bootstrapServers, String stateDir,
			Duration commitInterval, Duration pollInterval, short replication, int threads) {
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
		// The stream thread checks for a due commit only between polls: with the default
		// 100 ms poll, every output waited about 100 ms for its transaction to commit.
		config.put(StreamsConfig.POLL_MS_CONFIG, pollInterval.toMillis());
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
		config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
		// A transaction's first write to a partition is refused with
		// CONCURRENT_TRANSACTIONS
		// while the previous commit is still being completed by the broker; the producer
		// then
		// waits retry.backoff.ms (100 ms by default) before trying again. With a commit
		// every
		// 20 ms that wait held the stream thread most of the time (seen in JFR, see
		// BENCHMARKS.md); a short back-off retries as soon as the commit is likely done.
		config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5);
		config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUndecodable.class);
		config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
		return config;
	}

	@Override
	public synchronized void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.streams != null) {
			return;
		}
		HostInfo address = new HostInfo(this.advertisedHost, event.getWebServer().getPort());
		Properties withAddress = new Properties();
		withAddress.putAll(this.config);
		withAddress.put(SkipUndecodable.METER_REGISTRY_CONFIG, this.meters);
		withAddress.put(StreamsConfig.APPLICATION_SERVER_CONFIG, address.host() + ":" + address.port());
		KafkaStreams created = new KafkaStreams(this.topology.get(), withAddress);
		created.setStateListener((now, before) -> log.info("{} streams {} -> {}", this.name, before, now));
		created.setUncaughtExceptionHandler((ex) -> {
			log.error("{} stream thread failed; replacing it", this.name, ex);
			return StreamThreadExceptionResponse.REPLACE_THREAD;
		});
		this.metrics = new KafkaStreamsMetrics(created);
		this.metrics.bindTo(this.meters);
		created.start();
		this.self = address;
		this.streams = created;
	}

	/** The running streams; {@link ServiceUnavailableException} before they start. */
	public KafkaStreams streams() {
		KafkaStreams current = this.streams;
		if (current == null) {
			throw new ServiceUnavailableException("The " + this.name + " processor has not started yet");
		}
		return current;
	}

	/** This instance as the others reach it, to tell its own data from theirs. */
	public HostInfo self() {
		streams();
		return this.self;
	}

	public boolean isRunning() {
		KafkaStreams current = this.streams;
		return current != null && current.state() == KafkaStreams.State.RUNNING;
	}

	public String describeState() {
		KafkaStreams current = this.streams;
		return (current == null) ? "NOT_STARTED" : current.state().name();
	}

	@Override
	public synchronized void destroy() {
		if (this.streams == null) {
			return;
		}
		this.metrics.close();
		this.streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
			.withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
	}

}
