package io.removaltracker.caseservice.api;

import io.removaltracker.service.ProblemException;
import io.removaltracker.service.ProblemHandling;
import io.removaltracker.service.ProblemResponse;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import io.removaltracker.caseservice.CaseServiceProperties;
import io.removaltracker.caseservice.access.CallerIdentity;
import io.removaltracker.caseservice.intake.IntakeGateway;
import io.removaltracker.caseservice.limits.PrincipalRateLimits;
import io.removaltracker.caseservice.rules.FieldErrors;
import io.removaltracker.caseservice.rules.IntakeValidation;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import io.removaltracker.events.intake.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events}: a well-formed event is sent through the same intake topic
 * as Kafka producers use, and answered once the processor's verdict is committed: 201
 * with the canonical event, 200 with the first one for a repeat, or the refusal as a
 * problem. A malformed one is answered 400 here and never reaches Kafka, and so is a
 * caller over its allowance (429 with {@code Retry-After}) or a body over 64 KiB (413).
 */
@RestController
class EventsController {

	static final int MAX_BODY_BYTES = 64 * 1024;

	private final IntakeGateway gateway;

	private final CaseServiceProperties properties;

	private final JsonMapper mapper;

	private final Clock clock = Clock.systemUTC();

	private final PrincipalRateLimits rateLimits;

	private final Counter rateLimited;

	EventsController(IntakeGateway gateway, CaseServiceProperties properties, JsonMapper mapper,
			PrincipalRateLimits rateLimits, MeterRegistry meters) {
		this.gateway = gateway;
		this.properties = properties;
		this.mapper = mapper;
		this.rateLimits = rateLimits;
		// No tag for the principal: a signed-in person's sub would be a person's name in
		// the metrics, and the tags would grow with every caller.
		this.rateLimited = Counter.builder("case.intake.rate.limited")
			.description("Intake requests over HTTP refused with 429 because their caller sent too many")
			.register(meters);
	}

	@PostMapping(path = "/api/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Report an event of a case",
			description = "Sent through case-intake like a Kafka producer's event, and answered once the verdict "
					+ "is committed. The eventId makes a retry safe.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(ref = CanonicalJsonSchemas.REF + CanonicalJsonSchemas.INTAKE_EVENT),
							examples = @ExampleObject(name = "case opened", value = ApiExamples.CASE_OPENED))))
	@ApiResponse(responseCode = "201", description = "Accepted: the canonical event; Location is the case",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(ref = CanonicalJsonSchemas.REF + CanonicalJsonSchemas.CASE_EVENT),
					examples = @ExampleObject(name = "case opened", value = ApiExamples.CASE_OPENED_ACCEPTED)))
	@ApiResponse(responseCode = "200",
			description = "The same event again (same eventId and content): the first answer, applied once",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(ref = CanonicalJsonSchemas.REF + CanonicalJsonSchemas.CASE_EVENT)))
	@ProblemResponse(status = 400,
			when = "The body is not a JSON object, or fields are missing, of the wrong type or out of range "
					+ "(errors names them)")
	@ProblemResponse(status = 404, when = "The event is for a case that was never opened")
	@ProblemResponse(status = 409,
			when = "The case cannot take the event now (case-exists, transition-not-allowed, case-closed), "
					+ "or the eventId was used with other content (event-id-conflict)")
	@ProblemResponse(status = 413, when = "The body is over " + MAX_BODY_BYTES + " bytes")
	@ProblemResponse(status = 415, when = "The body is not application/json")
	@ProblemResponse(status = 429, when = "The caller reported faster than its allowance; retry after Retry-After")
	ResponseEntity<Map<String, Object>> report(HttpServletRequest request) throws IOException {
		// Spring Security has authenticated the caller. The allowance is checked before
		// the body is read, so a refused request costs neither parsing nor a record.
		String caller = CallerIdentity.current();
		long retryAfterSeconds = this.rateLimits.admit(caller);
		if (retryAfterSeconds > 0) {
			this.rateLimited.increment();
			throw new TooManyRequests(retryAfterSeconds);
		}
		IntakeEvent event = wellFormed(readJson(request));
		IntakeOutcome outcome = this.gateway.submit(event, caller, this.properties.verdictTimeout());
		return switch (outcome.getVerdict()) {
			case ACCEPTED -> ResponseEntity.created(URI.create("/api/v1/cases/" + event.getCaseId()))
				.body(CanonicalJson.event(outcome.getEvent()));
			case DUPLICATE -> ResponseEntity.ok(CanonicalJson.event(outcome.getEvent()));
			case REFUSED -> throw refused(outcome.getRefusal());
		};
	}

	/**
	 * 429 with {@code Retry-After}, as problem+json like every other refusal; handled
	 * here because only this endpoint is limited.
	 */
	@ExceptionHandler(TooManyRequests.class)
	ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequests ex) {
		CaseServiceProperties.RateLimit limit = this.properties.intake().rateLimit();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				String.format(Locale.ROOT,
						"This caller has reported events faster than its allowance of %s a second (bursts of %d);"
								+ " retry after %d s",
						BigDecimal.valueOf(limit.eventsPerSecond()).stripTrailingZeros().toPlainString(), limit.burst(),
						ex.retryAfterSeconds));
		problem.setType(URI.create(ProblemHandling.TYPE_PREFIX + "rate-limited"));
		problem.setTitle("Too many requests");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds))
			.body(problem);
	}

	private JsonNode readJson(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		JsonNode json;
		try {
			json = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ProblemException(400, "not-json", "Body is not JSON",
					"The body must be one JSON object: " + ex.getOriginalMessage());
		}
		if (json == null || !json.isObject()) {
			throw new ProblemException(400, "not-json", "Body is not a JSON object",
					"The body must be one JSON object with the event's fields");
		}
		return json;
	}

	private IntakeEvent wellFormed(JsonNode json) {
		FieldErrors errors = new FieldErrors();
		IntakeEvent event = IntakeJson.read(json, errors);
		if (event != null) {
			IntakeValidation.check(event, this.clock.instant()).asMap().forEach(errors::add);
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(400, "invalid-event", "Invalid event",
					"The event is malformed: " + errors.summary(), errors.asMap());
		}
		return event;
	}

	private static ProblemException refused(Refusal refusal) {
		String title = switch (refusal.getStatus()) {
			case 404 -> "Case not found";
			case 400 -> "Invalid event";
			default -> "Event not accepted";
		};
		return new ProblemException(refusal.getStatus(), refusal.getRule(), title, refusal.getDetail(),
				refusal.getFieldErrors());
	}

	private static final class TooManyRequests extends RuntimeException {

		private final long retryAfterSeconds;

		TooManyRequests(long retryAfterSeconds) {
			super(null, null, false, false);
			this.retryAfterSeconds = retryAfterSeconds;
		}

	}

	private static ProblemException tooLarge() {
		return new ProblemException(HttpStatus.CONTENT_TOO_LARGE.value(), "body-too-large", "Body too large",
				"An event body may be at most " + MAX_BODY_BYTES + " bytes");
	}

}
