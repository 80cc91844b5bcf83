package io.removaltracker.reporting.api;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topics;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.reporting.feed.FiguresFeed;
import io.removaltracker.reporting.figures.NationalFigures;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends the figures out when they change, at most once a second and at once when the last
 * send is a second old: a {@code stats} event to every SSE client, the snapshot to
 * {@code case-stats} (key {@code national}), and the headline gauges. A new SSE client
 * gets the figures at once.
 */
public final class StatsBroadcast implements FiguresFeed.FeedListener, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(StatsBroadcast.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final NationalFigures figures;

	private final Clock clock;

	private final Producer<String, StatsSnapshot> producer;

	private final MeterRegistry meters;

	private final List<SseEmitter> clients = new CopyOnWriteArrayList<>();

	private final AtomicBoolean changed = new AtomicBoolean();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "stats-broadcast");
		thread.setDaemon(true);
		return thread;
	});

	private BooleanSupplier ready = () -> true;

	private volatile StatsSnapshot latest;

	/**
	 * When the figures last went out; a change goes out once a second has passed since.
	 */
	private long lastSentNanos = System.nanoTime() - SECOND_NANOS;

	private static final long SECOND_NANOS = 1_000_000_000L;

	public StatsBroadcast(NationalFigures figures, Clock clock, Producer<String, StatsSnapshot> producer,
			MeterRegistry meters) {
		this.figures = figures;
		this.clock = clock;
		this.producer = producer;
		this.meters = meters;
		registerGauges();
		// Checked every 50 ms, sent at most once a second: a lone change goes out at
		// once, a
		// stream of changes once a second.
		this.ticker.scheduleWithFixedDelay(this::tick, 50, 50, TimeUnit.MILLISECONDS);
	}

	/**
	 * Broadcasts only once this says the figures are complete (the feed has caught up).
	 */
	public void broadcastWhen(BooleanSupplier ready) {
		this.ready = ready;
	}

	@Override
	public void changed() {
		this.changed.set(true);
	}

	/** The figures now, at the clock's instant. */
	public StatsSnapshot current() {
		return this.figures.snapshot(this.clock.instant());
	}

	/** Adds an SSE client and sends it the figures now. */
	public SseEmitter subscribe() {
		SseEmitter client = new SseEmitter(0L);
		client.onCompletion(() -> this.clients.remove(client));
		client.onTimeout(() -> this.clients.remove(client));
		client.onError((ex) -> this.clients.remove(client));
		this.clients.add(client);
		send(client, json(current()));
		return client;
	}

	private void tick() {
		try {
			if (!this.ready.getAsBoolean() || System.nanoTime() - this.lastSentNanos < SECOND_NANOS
					|| !this.changed.getAndSet(false)) {
				return;
			}
			this.lastSentNanos = System.nanoTime();
			StatsSnapshot snapshot = current();
			this.latest = snapshot;
			String json = json(snapshot);
			this.clients.forEach((client) -> send(client, json));
			this.producer.send(new ProducerRecord<>(Topics.CASE_STATS.name(), Topics.NATIONAL_KEY, snapshot),
					(metadata, ex) -> {
						if (ex != null) {
							log.warn("Could not write the figures to {}: {}", Topics.CASE_STATS.name(),
									ex.getMessage());
						}
					});
		}
		catch (RuntimeException ex) {
			log.warn("Broadcasting the figures failed; next second retries: {}", ex.getMessage());
			this.changed.set(true);
		}
	}

	private void send(SseEmitter client, String json) {
		try {
			client.send(SseEmitter.event().name("stats").data(json, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			this.clients.remove(client);
		}
	}

	private static String json(StatsSnapshot snapshot) {
		try {
			return JSON.writeValueAsString(StatsJson.of(snapshot));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void registerGauges() {
		gauge("stats.open.cases", "Open cases", (s) -> s.getOpenCases());
		gauge("stats.wanted", "Cases wanted now", (s) -> s.getWanted().getTotal());
		gauge("stats.wanted.serious", "Cases wanted now with SERIOUS criminality",
				(s) -> s.getWanted().getSeriousCriminality());
		gauge("stats.wanted.three.years.or.more", "Cases wanted three years or more",
				(s) -> s.getWanted().getByDuration().getOrDefault("THREE_YEARS_OR_MORE", 0L));
		gauge("stats.stayed", "Open cases whose removal is stayed", (s) -> s.getStayed());
		gauge("stats.removed", "Cases removed, all time", (s) -> s.getRemoved().getTotal());
		for (String status : List.of("IN_PRISON", "DETAINED", "IN_COMMUNITY", "WANTED")) {
			Gauge.builder("stats.status", this, (b) -> b.figure((s) -> s.getByStatus().getOrDefault(status, 0L)))
				.description("Open cases by status")
				.tag("status", status)
				.register(this.meters);
		}
	}

	private void gauge(String name, String description, java.util.function.ToLongFunction<StatsSnapshot> figure) {
		Gauge.builder(name, this, (broadcast) -> broadcast.figure(figure))
			.description(description)
			.register(this.meters);
	}

	private double figure(java.util.function.ToLongFunction<StatsSnapshot> figure) {
		StatsSnapshot snapshot = this.latest;
		return (snapshot == null) ? Double.NaN : figure.applyAsLong(snapshot);
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		this.clients.forEach(SseEmitter::complete);
	}

}
