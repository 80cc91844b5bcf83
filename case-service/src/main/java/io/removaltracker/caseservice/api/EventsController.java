package io.removaltracker.caseservice.api;

import io.removaltracker.service.ProblemException;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

import io.removaltracker.caseservice.CaseServiceProperties;
import io.removaltracker.caseservice.access.CallerIdentity;
import io.removaltracker.caseservice.intake.IntakeGateway;
import io.removaltracker.caseservice.rules.FieldErrors;
import io.removaltracker.caseservice.rules.IntakeValidation;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import io.removaltracker.events.intake.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events}: a well-formed event is sent through the same intake topic
 * as Kafka producers use, and answered once the processor's verdict is committed: 201
 * with the canonical event, 200 with the first one for a repeat, or the refusal as a
 * problem. A malformed one is answered 400 here and never reaches Kafka.
 */
@RestController
class EventsController {

	static final int MAX_BODY_BYTES = 64 * 1024;

	private final IntakeGateway gateway;

	private final CaseServiceProperties properties;

	private final JsonMapper mapper;

	private final Clock clock = Clock.systemUTC();

	EventsController(IntakeGateway gateway, CaseServiceProperties properties, JsonMapper mapper) {
		this.gateway = gateway;
		this.properties = properties;
		this.mapper = mapper;
	}

	@PostMapping(path = "/api/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> report(HttpServletRequest request) throws IOException {
		IntakeEvent event = wellFormed(readJson(request));
		IntakeOutcome outcome = this.gateway.submit(event, CallerIdentity.current(), this.properties.verdictTimeout());
		return switch (outcome.getVerdict()) {
			case ACCEPTED -> ResponseEntity.created(URI.create("/api/v1/cases/" + event.getCaseId()))
				.body(CanonicalJson.event(outcome.getEvent()));
			case DUPLICATE -> ResponseEntity.ok(CanonicalJson.event(outcome.getEvent()));
			case REFUSED -> throw refused(outcome.getRefusal());
		};
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

	private static ProblemException tooLarge() {
		return new ProblemException(HttpStatus.CONTENT_TOO_LARGE.value(), "body-too-large", "Body too large",
				"An event body may be at most " + MAX_BODY_BYTES + " bytes");
	}

}
