package io.removaltracker.caseservice.api;

import io.removaltracker.service.ProblemException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.removaltracker.caseservice.intake.CaseHistoryStore;
import io.removaltracker.caseservice.intake.CaseQueries;
import io.removaltracker.service.ServiceUnavailableException;
import io.removaltracker.events.cases.CaseEvent;
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
 * When another instance holds it, the request is passed to that instance once, so every
 * instance answers for every case; its answer is passed back as it came. The caller's
 * bearer token goes along: the other instance checks it as this one did.
 */
@RestController
class CasesController {

	static final String FORWARDED_HEADER = "X-Case-Service-Forwarded";

	private final CaseQueries queries;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	CasesController(CaseQueries queries) {
		this.queries = queries;
	}

	@GetMapping(path = "/api/v1/cases/{caseId}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> caseState(@PathVariable String caseId,
			@RequestHeader(name = FORWARDED_HEADER, required = false) String forwarded,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return answer(caseId, "/api/v1/cases/" + caseId, new Forwarding(forwarded, authorization),
				(history) -> history.last(caseId).map(CanonicalJson::caseState));
	}

	@GetMapping(path = "/api/v1/cases/{caseId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> caseEvents(@PathVariable String caseId,
			@RequestHeader(name = FORWARDED_HEADER, required = false) String forwarded,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return answer(caseId, "/api/v1/cases/" + caseId + "/events", new Forwarding(forwarded, authorization),
				(history) -> {
					List<CaseEvent> events = history.events(caseId);
					return events.isEmpty() ? Optional.empty()
							: Optional.of(events.stream().map(CanonicalJson::event).toList());
				});
	}

	private ResponseEntity<?> answer(String caseId, String path, Forwarding forwarding,
			Function<CaseHistoryStore, Optional<?>> query) {
		Optional<HostInfo> owner = this.queries.ownerElsewhere(caseId);
		if (owner.isPresent()) {
			if (forwarding.forwarded() != null) {
				throw new ServiceUnavailableException("Case partitions are moving between instances; retry shortly");
			}
			return forward(owner.get(), path, forwarding.authorization());
		}
		Object body = query.apply(this.queries.localHistory(caseId))
			.orElseThrow(() -> new ProblemException(404, "case-not-found", "Case not found",
					"Case " + caseId + " does not exist"));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private ResponseEntity<String> forward(HostInfo owner, String path, String authorization) {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://" + owner.host() + ":" + owner.port() + path))
			.timeout(Duration.ofSeconds(5))
			.header(FORWARDED_HEADER, "1");
		if (authorization != null) {
			builder.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		HttpRequest request = builder.GET().build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
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

	/** What a request says about its way here: forwarded already, and whose token. */
	private record Forwarding(String forwarded, String authorization) {
	}

}
