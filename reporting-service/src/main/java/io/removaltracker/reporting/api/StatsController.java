package io.removaltracker.reporting.api;

import java.io.IOException;
import java.net.URI;

import io.removaltracker.reporting.publish.LatestFigures;
import io.removaltracker.service.ProblemHandling;
import io.removaltracker.service.ProblemResponse;
import io.removaltracker.service.ServiceUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
	@Operation(summary = "The national figures now",
			description = "Exact figures from every case event and wanted flag read so far, for the instant asOf.")
	@ApiResponse(responseCode = "200", description = "The figures",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = StatsJson.class),
					examples = @ExampleObject(name = "a small country", value = STATS)))
	StatsJson stats() {
		return StatsJson.of(this.latest.now().orElseThrow(StatsController::stillReading));
	}

	private static final String STATS = """
			{"asOf": "2024-03-15T12:00:00Z", "openCases": 12,
			 "byStatus": {"DETAINED": 2, "IN_COMMUNITY": 6, "IN_PRISON": 1, "WANTED": 3}, "stayed": 1,
			 "supervision": {"ELECTRONIC_MONITORING": 1, "REPORTING": 5},
			 "wanted": {"total": 3, "seriousCriminality": 1,
			            "byDuration": {"ONE_TO_TWO_YEARS": 1, "THREE_YEARS_OR_MORE": 0, "TWO_TO_THREE_YEARS": 0,
			                           "UNDER_1_YEAR": 2},
			            "overdueReview": 1, "unassigned": 2},
			 "byCriminality": {"CRIMINAL": {"open": 5, "wanted": 1}, "NONE": {"open": 4, "wanted": 1},
			                   "SERIOUS": {"open": 3, "wanted": 1}},
			 "byNationality": {"HTI": {"open": 7, "wanted": 2}, "UNKNOWN": {"open": 5, "wanted": 1}},
			 "byRegion": {"GREATER_TORONTO": {"open": 8, "wanted": 2}, "QUEBEC": {"open": 4, "wanted": 1}},
			 "removed": {"total": 4, "byMonth": {"2024-01": 1, "2024-02": 3}},
			 "wantedTrend": {"2024-01": 2, "2024-02": 3},
			 "byTeam": {"GTA-EAST-2": {"open": 3, "wanted": 1, "overdueReview": 1}},
			 "nationalityEstablished": {"total": 2}}""";

	/**
	 * The stream is written by {@link StatsStream} on the servlet's own asynchronous,
	 * non-blocking output, which Spring's emitters do not use.
	 */
	@GetMapping(path = "/api/v1/stats/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "The national figures as they change (Server-Sent Events)",
			description = "An event named stats with the figures when the stream opens and after every change, "
					+ "its data the JSON of GET /api/v1/stats; a comment line when quiet. The stream ends after a "
					+ "while and the client opens a new one.")
	@ApiResponse(responseCode = "200", description = "The stream is open",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string", description = "event: stats, data: the figures as JSON")))
	@ProblemResponse(status = 429, when = "This caller has as many streams open as it may; retry after Retry-After")
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
