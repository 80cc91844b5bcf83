package io.removaltracker.reporting.api;

import java.util.Map;

import io.removaltracker.reporting.feed.FiguresFeed;
import io.removaltracker.service.ServiceUnavailableException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The national figures now, and as a live stream. */
@RestController
class StatsController {

	private final StatsBroadcast broadcast;

	private final FiguresFeed feed;

	StatsController(StatsBroadcast broadcast, FiguresFeed feed) {
		this.broadcast = broadcast;
		this.feed = feed;
	}

	@GetMapping(path = "/api/v1/stats", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> stats() {
		complete();
		return StatsJson.of(this.broadcast.current());
	}

	@GetMapping(path = "/api/v1/stats/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		complete();
		return this.broadcast.subscribe();
	}

	/**
	 * Figures read only part of the way would be wrong, not late: answer 503 until
	 * complete.
	 */
	private void complete() {
		if (!this.feed.isCaughtUp()) {
			throw new ServiceUnavailableException("The figures are still being read from Kafka; retry shortly");
		}
	}

}
