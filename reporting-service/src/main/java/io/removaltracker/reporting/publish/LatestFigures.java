package io.removaltracker.reporting.publish;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.reporting.feed.FiguresFeed;
import io.removaltracker.reporting.figures.NationalFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The one place the figures are computed: a cached snapshot that every reader shares
 * ({@code GET /api/v1/stats}, the SSE stream, {@code case-stats}, the Prometheus gauges).
 * <p>
 * <b>Publication.</b> Every 50 ms a tick checks whether the feed has applied records
 * since the last publication. If it has, the feed has caught up, and a second has passed
 * since the last publication, the tick computes the snapshot once, caches it and hands it
 * to every subscriber. So a lone change goes out at once and a stream of changes at most
 * once a second; the first publication follows the catch-up.
 * <p>
 * <b>Age.</b> The duration bands and the trend move with the clock even when no event
 * arrives, and a reader must not get figures for an instant long past: a tick that
 * publishes nothing computes the snapshot again (cached, not published) once it is a
 * second old. With the fixed clock of {@code reporting-service.as-of} a snapshot never
 * ages. The stream and {@code case-stats} follow changes of the events only.
 * <p>
 * <b>Readers never compute.</b> {@link #now()} answers the cached snapshot, so a burst of
 * requests costs no computation and never waits for the feed, which holds the figures
 * while it applies a record; only the very first reader after the catch-up may compute,
 * if it comes before the first tick. Readers, like the stream, see a change at most about
 * a second late.
 */
public final class LatestFigures implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LatestFigures.class);

	private static final long TICK_MILLIS = 50;

	private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Duration MAX_AGE = Duration.ofSeconds(1);

	private final NationalFigures figures;

	private final FiguresFeed feed;

	private final Clock clock;

	private final List<Consumer<StatsSnapshot>> subscribers = new CopyOnWriteArrayList<>();

	private volatile StatsSnapshot latest;

	/** Records applied at the last publication; used on the tick's thread only. */
	private long publishedRecords = -1;

	/** When the last publication went out; used on the tick's thread only. */
	private long publishedNanos = System.nanoTime() - SECOND_NANOS;

	private volatile ScheduledExecutorService ticker;

	public LatestFigures(NationalFigures figures, FiguresFeed feed, Clock clock) {
		this.figures = figures;
		this.feed = feed;
		this.clock = clock;
	}

	/** Called on the tick's thread with every published snapshot. */
	public void subscribe(Consumer<StatsSnapshot> subscriber) {
		this.subscribers.add(subscriber);
	}

	/**
	 * The latest figures, about a second old at most; empty until the feed has caught up,
	 * since figures read part of the way would be wrong, not late.
	 */
	public Optional<StatsSnapshot> now() {
		if (!this.feed.isCaughtUp()) {
			return Optional.empty();
		}
		StatsSnapshot snapshot = this.latest;
		return Optional.of((snapshot != null) ? snapshot : first());
	}

	/**
	 * The figures for a reader that comes after the catch-up but before the first tick.
	 */
	private synchronized StatsSnapshot first() {
		StatsSnapshot snapshot = this.latest;
		return (snapshot != null) ? snapshot : compute();
	}

	private synchronized StatsSnapshot compute() {
		StatsSnapshot snapshot = this.figures.snapshot(this.clock.instant());
		this.latest = snapshot;
		return snapshot;
	}

	private boolean isFresh(StatsSnapshot snapshot) {
		return snapshot != null && Duration.between(snapshot.getAsOf(), this.clock.instant()).compareTo(MAX_AGE) < 0;
	}

	private void tick() {
		try {
			if (!this.feed.isCaughtUp()) {
				return;
			}
			long applied = this.feed.recordsApplied();
			if (applied != this.publishedRecords && System.nanoTime() - this.publishedNanos >= SECOND_NANOS) {
				this.publishedNanos = System.nanoTime();
				StatsSnapshot snapshot = compute();
				this.subscribers.forEach((subscriber) -> subscriber.accept(snapshot));
				this.publishedRecords = applied;
			}
			else if (!isFresh(this.latest)) {
				compute();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Publishing the figures failed; retrying in a second: {}", ex.getMessage());
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "latest-figures");
			thread.setDaemon(true);
			return thread;
		});
		ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
		this.ticker = ticker;
	}

	@Override
	public void stop() {
		this.ticker.shutdownNow();
		try {
			// Lets a tick under way finish handing out its snapshot, since the
			// subscribers close once this returns.
			this.ticker.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.ticker = null;
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null;
	}

}
