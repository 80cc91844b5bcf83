package io.removaltracker.reporting.api;

import java.util.Map;

import io.removaltracker.reporting.publish.LatestFigures;
import io.removaltracker.service.ServiceUnavailableException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The national figures now, and as a live stream. */
@RestController
class StatsController {

	private final LatestFigures latest;

	private final StatsStream stream;

	StatsController(LatestFigures latest, StatsStream stream) {
		this.latest = latest;
		this.stream = stream;
	}

	@GetMapping(path = "/api/v1/stats", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> stats() {
		return StatsJson.of(this.latest.now().orElseThrow(StatsController::stillReading));
	}

	@GetMapping(path = "/api/v1/stats/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		return this.stream.open().orElseThrow(StatsController::stillReading);
	}

	/** Figures read only part of the way would be wrong, not late: 503 until complete. */
	private static ServiceUnavailableException stillReading() {
		return new ServiceUnavailableException("The figures are still being read from Kafka; retry shortly");
	}

}
