package io.removaltracker.reporting.api;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.reporting.publish.LatestFigures;
import io.removaltracker.service.ServiceUnavailableException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Events streams: each gets a {@code stats} event with the figures
 * when it opens and with every published snapshot after, as the same JSON that
 * {@code GET /api/v1/stats} answers (written by the same Spring-managed mapper).
 * <p>
 * At shutdown every stream is completed before the web server's graceful shutdown starts
 * waiting for open requests, which an endless stream would otherwise hold until its
 * timeout; a stream asked for after that is refused with 503.
 */
@Component
class StatsStream implements Consumer<StatsSnapshot>, SmartLifecycle {

	private final LatestFigures latest;

	private final JsonMapper json;

	/** Lock-free, so a stream's completion callback never waits for a publication. */
	private final List<SseEmitter> clients = new CopyOnWriteArrayList<>();

	private boolean running;

	/** Set at shutdown: from then on no stream opens. */
	private boolean stopped;

	StatsStream(LatestFigures latest, JsonMapper json) {
		this.latest = latest;
		this.json = json;
	}

	/**
	 * A new stream that starts with the figures now; empty while the figures are
	 * incomplete. Opening and publishing hold the same lock, so a new stream never ends
	 * on figures older than the latest publication.
	 */
	synchronized Optional<SseEmitter> open() {
		if (this.stopped) {
			throw new ServiceUnavailableException("The service is shutting down");
		}
		Optional<StatsSnapshot> now = this.latest.now();
		if (now.isEmpty()) {
			return Optional.empty();
		}
		SseEmitter client = new SseEmitter(0L);
		client.onCompletion(() -> this.clients.remove(client));
		client.onTimeout(() -> this.clients.remove(client));
		client.onError((ex) -> this.clients.remove(client));
		this.clients.add(client);
		send(client, this.json.writeValueAsString(StatsJson.of(now.get())));
		return Optional.of(client);
	}

	/** A published snapshot, to every open stream. */
	@Override
	public synchronized void accept(StatsSnapshot snapshot) {
		if (this.clients.isEmpty()) {
			return;
		}
		String data = this.json.writeValueAsString(StatsJson.of(snapshot));
		this.clients.forEach((client) -> send(client, data));
	}

	private void send(SseEmitter client, String data) {
		try {
			client.send(SseEmitter.event().name("stats").data(data, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// The client has gone; its stream is over.
			this.clients.remove(client);
		}
	}

	@Override
	public synchronized void start() {
		this.latest.subscribe(this);
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.stopped = true;
		this.clients.forEach(SseEmitter::complete);
		this.clients.clear();
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

}
