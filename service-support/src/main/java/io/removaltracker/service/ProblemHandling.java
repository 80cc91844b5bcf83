package io.removaltracker.service;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} (RFC 9457): {@code type},
 * {@code title}, {@code status}, {@code detail}, and {@code errors} when fields were at
 * fault. Spring's own errors (wrong content type 415, wrong method 405, unknown path 404)
 * come through the base class in the same shape. A client's mistake is never a 5xx.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

	public static final String TYPE_PREFIX = "urn:removal-tracker:problem:";

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), ex.getMessage());
		problem.setType(URI.create(TYPE_PREFIX + ex.rule()));
		problem.setTitle(ex.title());
		if (!ex.fieldErrors().isEmpty()) {
			problem.setProperty("errors", fieldErrors(ex.fieldErrors()));
		}
		return ResponseEntity.status(ex.status()).body(problem);
	}

	@ExceptionHandler(ServiceUnavailableException.class)
	ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setType(URI.create(TYPE_PREFIX + "unavailable"));
		problem.setTitle("Service unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	/** Spring's own problems (415, 405, 404, ...) get a type and title like ours. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
				problem.setType(URI.create(TYPE_PREFIX + "http-" + status.value()));
			}
			if (problem.getTitle() == null) {
				HttpStatus known = HttpStatus.resolve(status.value());
				problem.setTitle((known != null) ? known.getReasonPhrase() : "Error " + status.value());
			}
		}
		return super.createResponseEntity(body, headers, status, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; it has been logged");
		problem.setType(URI.create(TYPE_PREFIX + "internal-error"));
		problem.setTitle("Internal error");
		return ResponseEntity.internalServerError().body(problem);
	}

	private static List<Map<String, String>> fieldErrors(Map<String, String> errors) {
		return errors.entrySet().stream().map((e) -> Map.of("field", e.getKey(), "message", e.getValue())).toList();
	}

}
