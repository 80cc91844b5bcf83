package io.removaltracker.caseservice.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.removaltracker.caseservice.access.AccessAudit;
import io.removaltracker.caseservice.access.CallerIdentity;
import io.removaltracker.caseservice.access.ForwardedReads;
import io.removaltracker.caseservice.intake.CaseHistoryStore;
import io.removaltracker.caseservice.intake.CaseQueries;
import io.removaltracker.events.audit.AccessAction;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.service.ProblemException;
import io.removaltracker.service.ProblemResponse;
import io.removaltracker.service.ServiceUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's state and events, read from the store of the instance that holds the case.
 * When another instance holds it, the request is passed to that instance once, with the
 * caller's token, so every instance answers for every case; its answer is passed back as
 * it came.
 * <p>
 * Every read that reached a case store, found (200) or not (404), is recorded on
 * {@code access-audit} by the instance that took the request, before it answers: a read
 * that cannot be recorded is 503 with no data. The instance holding the case does not
 * record a read passed to it with a valid forwarded mark; with any other mark it records
 * it too, so a read is recorded twice at worst, never not at all.
 */
@RestController
class CasesController {

	static final String FORWARDED_HEADER = "X-Case-Service-Forwarded";

	private final CaseQueries queries;

	private final AccessAudit audit;

	private final ForwardedReads forwardedReads;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	CasesController(CaseQueries queries, AccessAudit audit, ForwardedReads forwardedReads) {
		this.queries = queries;
		this.audit = audit;
		this.forwardedReads = forwardedReads;
	}

	@GetMapping(path = "/api/v1/cases/{caseId}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A case as it is now", description = "Each read is recorded on access-audit first.")
	@ApiResponse(responseCode = "200", description = "The case after its last event",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(ref = CanonicalJsonSchemas.REF + CanonicalJsonSchemas.CASE_STATE),
					examples = @ExampleObject(name = "a case in the community", value = ApiExamples.CASE_STATE)))
	@ProblemResponse(status = 404, when = "No case has this caseId")
	ResponseEntity<?> caseState(@PathVariable String caseId,
			@Parameter(hidden = true) @RequestHeader(name = FORWARDED_HEADER, required = false) String forwarded,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
					required = false) String authorization) {
		return answer(new Read(caseId, "/api/v1/cases/" + caseId, AccessAction.READ_CASE, forwarded, authorization),
				(history) -> history.last(caseId).map(CanonicalJson::caseState));
	}

	@GetMapping(path = "/api/v1/cases/{caseId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A case's events in order",
			description = "Sequence 1, 2, 3 ... Each read is recorded on access-audit first.")
	@ApiResponse(responseCode = "200", description = "Every accepted event of the case, oldest first",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(
							schema = @Schema(ref = CanonicalJsonSchemas.REF + CanonicalJsonSchemas.CASE_EVENT))))
	@ProblemResponse(status = 404, when = "No case has this caseId")
	ResponseEntity<?> caseEvents(@PathVariable String caseId,
			@Parameter(hidden = true) @RequestHeader(name = FORWARDED_HEADER, required = false) String forwarded,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
					required = false) String authorization) {
		return answer(new Read(caseId, "/api/v1/cases/" + caseId + "/events", AccessAction.READ_CASE_EVENTS, forwarded,
				authorization), (history) -> {
					List<CaseEvent> events = history.events(caseId);
					return events.isEmpty() ? Optional.empty()
							: Optional.of(events.stream().map(CanonicalJson::event).toList());
				});
	}

	private ResponseEntity<?> answer(Read read, Function<CaseHistoryStore, Optional<?>> query) {
		String principal = CallerIdentity.current();
		Optional<HostInfo> owner = this.queries.ownerElsewhere(read.caseId());
		if (owner.isPresent()) {
			if (read.forwarded() != null) {
				throw new ServiceUnavailableException("Case partitions are moving between instances; retry shortly");
			}
			ResponseEntity<String> answer = forward(owner.get(), read, principal);
			int status = answer.getStatusCode().value();
			if (status == 200 || status == 404) {
				this.audit.record(principal, read.action(), read.caseId(), status == 200);
			}
			return answer;
		}
		Optional<?> body = query.apply(this.queries.localHistory(read.caseId()));
		if (!recordedByTheForwarder(read, principal)) {
			this.audit.record(principal, read.action(), read.caseId(), body.isPresent());
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(body.orElseThrow(() -> new ProblemException(404, "case-not-found", "Case not found",
					"Case " + read.caseId() + " does not exist")));
	}

	private boolean recordedByTheForwarder(Read read, String principal) {
		if (read.forwarded() == null) {
			return false;
		}
		if (this.forwardedReads.verifies(read.forwarded(), read.path(), principal)) {
			return true;
		}
		this.audit.forwardNotVerified();
		return false;
	}

	private ResponseEntity<String> forward(HostInfo owner, Read read, String principal) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://" + owner.host() + ":" + owner.port() + read.path()))
			.timeout(Duration.ofSeconds(5))
			.header(FORWARDED_HEADER, this.forwardedReads.mark(read.path(), principal))
			.GET();
		if (read.authorization() != null) {
			// The holder checks the caller's token like any request's.
			request.header(HttpHeaders.AUTHORIZATION, read.authorization());
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return ResponseEntity.status(response.statusCode())
				.contentType(MediaType.parseMediaType(
						response.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON_VALUE)))
				.body(response.body());
		}
		catch (IOException ex) {
			throw new ServiceUnavailableException("The instance holding the case (" + owner.host() + ":" + owner.port()
					+ ") did not answer: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceUnavailableException("Interrupted while asking the instance holding the case");
		}
	}

	/**
	 * One read request: the case, its path, what it reads, and the headers that matter.
	 */
	private record Read(String caseId, String path, AccessAction action, String forwarded, String authorization) {
	}

}
