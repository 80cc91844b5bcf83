package io.removaltracker.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Runs one Kafka Streams topology for a service. It starts once the web server knows its
 * port, because that port is this instance's {@code application.server}, the address
 * other instances use to reach it for the data it holds. It binds the client metrics,
 * replaces a failed stream thread as {@link ThreadFailurePolicy} says (waiting for a
 * dependency that could not answer, giving up on a thread that keeps dying), and on
 * shutdown leaves the consumer group, so the other instances take over at once instead of
 * after the session timeout.
 */
public final class StreamsRuntime implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);

	private final String name;

	private final Supplier<Topology> topology;

	private final Properties config;

	private volatile String advertisedHost;

	private final MeterRegistry meters;

	private volatile KafkaStreams streams;

	private volatile HostInfo self;

	private KafkaStreamsMetrics metrics;

	private final ThreadFailurePolicy failures = new ThreadFailurePolicy();

	private ApplicationEventPublisher events;

	/**
	 * Made by {@link ServiceKafka#streams}, which owns the settings.
	 * @param name what the logs call these streams
	 * @param config Kafka Streams settings
	 */
	StreamsRuntime(String name, Supplier<Topology> topology, Properties config, MeterRegistry meters) {
		this.name = name;
		this.topology = topology;
		this.config = config;
		this.meters = meters;
	}

	/** Where to say the service is broken (liveness) when a thread keeps dying. */
	StreamsRuntime reportingTo(ApplicationEventPublisher events) {
		this.events = events;
		return this;
	}

	/**
	 * For a service whose instances ask each other for the data they hold: the host the
	 * others reach this one at. With the web port it becomes {@code application.server}.
	 */
	public StreamsRuntime advertisedAt(String host) {
		this.advertisedHost = host;
		return this;
	}

	@Override
	public synchronized void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.streams != null) {
			return;
		}
		Properties withAddress = new Properties();
		withAddress.putAll(this.config);
		withAddress.put(BadRecords.METER_REGISTRY_CONFIG, this.meters);
		HostInfo address = null;
		if (this.advertisedHost != null) {
			address = new HostInfo(this.advertisedHost, event.getWebServer().getPort());
			withAddress.put(StreamsConfig.APPLICATION_SERVER_CONFIG, address.host() + ":" + address.port());
		}
		KafkaStreams created = new KafkaStreams(this.topology.get(), withAddress);
		created.setStateListener((now, before) -> {
			log.info("{} streams {} -> {}", this.name, before, now);
			if (now == KafkaStreams.State.ERROR) {
				// Streams in ERROR never run again in this process (a failed global
				// thread ends here, whatever the policy): only a restart helps.
				log.error("{} streams stopped for good; reporting the service broken so it is restarted", this.name);
				broken();
			}
		});
		created.setUncaughtExceptionHandler(this::threadFailed);
		this.metrics = new KafkaStreamsMetrics(created);
		this.metrics.bindTo(this.meters);
		created.start();
		this.self = address;
		this.streams = created;
	}

	/**
	 * Runs on the dying thread: the pause before its replacement is taken there, so the
	 * other threads go on meanwhile.
	 */
	private StreamThreadExceptionResponse threadFailed(Throwable failure) {
		ThreadFailurePolicy.Response response = this.failures.failed(failure, Instant.now());
		if (response.giveUp()) {
			log.error("{} stream thread failed {} times within {}; giving up so the platform restarts the service",
					this.name, ThreadFailurePolicy.FAILURES_TO_GIVE_UP, ThreadFailurePolicy.FAILURE_WINDOW, failure);
			broken();
			return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
		}
		if (response.transientFailure()) {
			log.warn("{} is waiting for a dependency; the same records are tried again in {} ms: {}", this.name,
					response.pause().toMillis(), this.failures.waitingFor(Instant.now()).orElse(""));
		}
		else {
			log.error("{} stream thread failed; replacing it in {} ms", this.name, response.pause().toMillis(),
					failure);
		}
		LockSupport.parkNanos(response.pause().toNanos());
		return StreamThreadExceptionResponse.REPLACE_THREAD;
	}

	private void broken() {
		if (this.events != null) {
			AvailabilityChangeEvent.publish(this.events, this, LivenessState.BROKEN);
		}
	}

	/** What the streams wait for (a registry, a broker), while they wait. */
	public Optional<String> waitingFor() {
		return this.failures.waitingFor(Instant.now());
	}

	/** The running streams; {@link ServiceUnavailableException} before they start. */
	public KafkaStreams streams() {
		KafkaStreams current = this.streams;
		if (current == null) {
			throw new ServiceUnavailableException("The " + this.name + " processor has not started yet");
		}
		return current;
	}

	/**
	 * This instance as the others reach it, to tell its own data from theirs; only for
	 * streams {@link #advertisedAt advertised} to the others.
	 */
	public HostInfo self() {
		streams();
		if (this.self == null) {
			throw new IllegalStateException("The " + this.name + " streams are not advertised to other instances");
		}
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
