package io.removaltracker.reporting.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.reporting.ReportingProperties;
import io.removaltracker.reporting.publish.LatestFigures;
import io.removaltracker.service.ServiceUnavailableException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The open Server-Sent Events streams: each gets a {@code stats} event with the figures
 * when it opens and with every published snapshot after, as the same JSON that
 * {@code GET /api/v1/stats} answers (written by the same Spring-managed mapper).
 * <p>
 * <b>Limits</b> ({@code reporting-service.stream.*}). At most {@code max-clients} streams
 * are open in the service (one more is 503) and {@code max-clients-per-principal} for one
 * caller (one more is 429), both with {@code Retry-After}. A stream silent for
 * {@code heartbeat} gets a comment line, which keeps proxies from closing it and finds a
 * client that has gone; a stream ends after {@code max-age} and the client opens a new
 * one; a client that leaves written figures unread for {@code send-timeout} is closed.
 * <p>
 * <b>Sending.</b> A publication only leaves the figures in each client's slot and wakes a
 * small sender, whose writes never wait for a client (see {@link StreamClient}): the
 * publisher, and with it {@code case-stats}, never waits for any stream, and one slow
 * client delays no other.
 * <p>
 * At shutdown every stream is completed before the web server's graceful shutdown starts
 * waiting for open requests, which an endless stream would otherwise hold until its
 * timeout; a stream asked for after that is refused with 503.
 */
@Component
class StatsStream implements Consumer<StatsSnapshot>, SmartLifecycle {

	/** Writes never block, so two threads keep up with thousands of streams. */
	private static final int SENDER_THREADS = 2;

	private static final long SWEEP_MIN_MILLIS = 10;

	private static final long SWEEP_MAX_MILLIS = 1000;

	private static final String EVENT_STREAM = MediaType.TEXT_EVENT_STREAM_VALUE + ";charset=UTF-8";

	private final LatestFigures latest;

	private final JsonMapper json;

	private final ReportingProperties.Stream limits;

	private final MeterRegistry meters;

	private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();

	/**
	 * Open streams per caller, counted atomically per caller; a caller with none has no
	 * entry.
	 */
	private final Map<String, Integer> perCaller = new ConcurrentHashMap<>();

	private final Map<StreamClient.Ending, Counter> closed = new EnumMap<>(StreamClient.Ending.class);

	private final Counter refusedServiceFull;

	private final Counter refusedCallerFull;

	private ExecutorService sender;

	private ScheduledExecutorService sweeper;

	private boolean running;

	/** Set at shutdown: from then on no stream opens. */
	private boolean stopped;

	StatsStream(LatestFigures latest, JsonMapper json, ReportingProperties properties, MeterRegistry meters) {
		this.latest = latest;
		this.json = json;
		this.limits = properties.stream();
		this.meters = meters;
		Gauge.builder("stats.stream.clients", this.clients, Set::size)
			.description("Live figure streams open now")
			.register(meters);
		for (StreamClient.Ending ending : StreamClient.Ending.values()) {
			this.closed.put(ending,
					Counter.builder("stats.stream.closed")
						.description("Live figure streams ended, by why")
						.tag("reason", ending.tag())
						.register(meters));
		}
		this.refusedServiceFull = refused(StreamRefused.SERVICE_FULL);
		this.refusedCallerFull = refused(StreamRefused.CALLER_FULL);
	}

	/**
	 * Starts a stream on this request, with the figures now; false (nothing started)
	 * while the figures are incomplete. Opening and publishing hold the same lock, so a
	 * new stream never ends on figures older than the latest publication.
	 * @throws StreamRefused when the service or the caller has as many streams open as
	 * allowed
	 */
	synchronized boolean open(HttpServletRequest request, HttpServletResponse response, String caller)
			throws IOException {
		if (this.stopped || !this.running) {
			throw new ServiceUnavailableException("The service is starting or shutting down");
		}
		Optional<StatsSnapshot> now = this.latest.now();
		if (now.isEmpty()) {
			return false;
		}
		if (this.clients.size() >= this.limits.maxClients()) {
			this.refusedServiceFull.increment();
			throw StreamRefused.serviceFull(this.limits.maxClients(), retryAfterSeconds());
		}
		if (!admit(caller)) {
			this.refusedCallerFull.increment();
			throw StreamRefused.callerFull(this.limits.maxClientsPerPrincipal(), retryAfterSeconds());
		}
		StreamClient client = null;
		try {
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(EVENT_STREAM);
			AsyncContext async = request.startAsync(request, response);
			// The container's own limit is only a backstop behind the sweep's max-age.
			async.setTimeout(this.limits.maxAge().plusMinutes(1).toMillis());
			ServletOutputStream out = response.getOutputStream();
			client = new StreamClient(async, out, caller, this.sender, this::ended);
			this.clients.add(client);
			async.addListener(client);
			client.offer(event(now.get()));
			// The container now says when the client can be written to: at once, then
			// after each write that had to wait.
			out.setWriteListener(client);
		}
		catch (IOException | RuntimeException ex) {
			if (client == null || this.clients.remove(client)) {
				release(caller);
			}
			throw ex;
		}
		return true;
	}

	/** A published snapshot, to every open stream: no writing here. */
	@Override
	public synchronized void accept(StatsSnapshot snapshot) {
		if (this.clients.isEmpty()) {
			return;
		}
		byte[] event = event(snapshot);
		this.clients.forEach((client) -> client.offer(event));
	}

	private byte[] event(StatsSnapshot snapshot) {
		String data = this.json.writeValueAsString(StatsJson.of(snapshot));
		return ("event:stats\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	/** Told by each client once, whatever ended it; takes no lock. */
	private void ended(StreamClient client, StreamClient.Ending ending) {
		if (this.clients.remove(client)) {
			release(client.caller());
		}
		this.closed.get(ending).increment();
	}

	/** Counts one more stream for the caller, unless it has as many as allowed. */
	private boolean admit(String caller) {
		boolean[] admitted = { false };
		this.perCaller.compute(caller, (name, open) -> {
			int count = (open != null) ? open : 0;
			if (count >= this.limits.maxClientsPerPrincipal()) {
				return open;
			}
			admitted[0] = true;
			return count + 1;
		});
		return admitted[0];
	}

	private void release(String caller) {
		this.perCaller.computeIfPresent(caller, (name, open) -> (open > 1) ? open - 1 : null);
	}

	/** Closes slow and old streams, and sends heartbeats to silent ones. */
	private void sweep() {
		long now = System.nanoTime();
		long sendTimeout = this.limits.sendTimeout().toNanos();
		long maxAge = this.limits.maxAge().toNanos();
		long heartbeat = this.limits.heartbeat().toNanos();
		for (StreamClient client : this.clients) {
			if (client.isStuckFor(sendTimeout, now)) {
				client.close(StreamClient.Ending.SLOW);
			}
			else if (client.isOlderThan(maxAge, now)) {
				client.close(StreamClient.Ending.MAX_AGE);
			}
			else {
				client.heartbeatIfSilentFor(heartbeat, now);
			}
		}
	}

	/**
	 * A stream whose client has gone is found at the next heartbeat at the latest, so a
	 * place may be free again by then.
	 */
	private long retryAfterSeconds() {
		return Math.max(1, this.limits.heartbeat().toSeconds());
	}

	private Counter refused(String reason) {
		return Counter.builder("stats.stream.refused")
			.description("Live figure streams refused for a limit, by which")
			.tag("reason", reason)
			.register(this.meters);
	}

	@Override
	public synchronized void start() {
		this.sender = Executors.newFixedThreadPool(SENDER_THREADS, daemon("stats-stream-sender"));
		this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("stats-stream-sweep"));
		long shortest = Math.min(this.limits.heartbeat().toMillis(), this.limits.sendTimeout().toMillis());
		long period = Math.max(SWEEP_MIN_MILLIS, Math.min(SWEEP_MAX_MILLIS, shortest / 4));
		this.sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
		this.latest.subscribe(this);
		this.running = true;
	}

	@Override
	public void stop() {
		List<StreamClient> open;
		synchronized (this) {
			this.running = false;
			this.stopped = true;
			open = new ArrayList<>(this.clients);
		}
		// Outside the lock: completing a stream calls into the container.
		open.forEach((client) -> client.close(StreamClient.Ending.SHUTDOWN));
		this.sweeper.shutdownNow();
		this.sender.shutdown();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops before the web server's graceful shutdown (stopping runs from the highest
	 * phase down).
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
	}

	private static ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
