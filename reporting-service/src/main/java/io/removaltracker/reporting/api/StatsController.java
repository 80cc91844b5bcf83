package io.removaltracker.reporting.api;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import io.removaltracker.reporting.publish.LatestFigures;
import io.removaltracker.service.ProblemHandling;
import io.removaltracker.service.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

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

	/**
	 * The stream is written by {@link StatsStream} on the servlet's own asynchronous,
	 * non-blocking output, which Spring's emitters do not use.
	 */
	@GetMapping(path = "/api/v1/stats/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void stream(HttpServletRequest request, HttpServletResponse response, Authentication caller) throws IOException {
		if (!this.stream.open(request, response, StreamCaller.of(caller))) {
			throw stillReading();
		}
	}

	@ExceptionHandler(StreamRefused.class)
	ResponseEntity<ProblemDetail> refused(StreamRefused ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), ex.getMessage());
		problem.setType(URI.create(ProblemHandling.TYPE_PREFIX + ex.rule()));
		problem.setTitle(ex.title());
		return ResponseEntity.status(ex.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(problem);
	}

	/** Figures read only part of the way would be wrong, not late: 503 until complete. */
	private static ServiceUnavailableException stillReading() {
		return new ServiceUnavailableException("The figures are still being read from Kafka; retry shortly");
	}

}
