package io.removaltracker.caseservice.api;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.removaltracker.testing.ApiDocsDrift;
import io.removaltracker.testing.HttpJson;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import org.springframework.context.ApplicationContext;

import static io.removaltracker.caseservice.api.IntakeJsonFixtures.anyCaseId;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.caseOpened;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.caseOpenedInCommunity;
import static io.removaltracker.caseservice.api.IntakeJsonFixtures.event;
import static io.removaltracker.testing.ApiDocsDrift.answers;
import static io.removaltracker.testing.ApiDocsDrift.answersExactly;
import static io.removaltracker.testing.ApiDocsDrift.provenBy;

/**
 * case-service's OpenAPI document against its code ({@link ApiDocsDrift}), run by a test
 * class with a running service (so it shares that class's application context): every
 * documented answer of every operation made to happen for real.
 */
interface CaseServiceApiDocsDrift {

	String EVENTS = "POST /api/v1/events";

	String CASE = "GET /api/v1/cases/{caseId}";

	String CASE_EVENTS = "GET /api/v1/cases/{caseId}/events";

	/** The running service's address. */
	String baseUrl();

	ApplicationContext context();

	@TestFactory
	default Stream<DynamicNode> theApiDocumentAndTheCodeAgree() {
		return ApiDocsDrift.of(baseUrl(), context(), Set.of(),
				answers(EVENTS, 201, (http) -> http.postJson(caseOpenedInCommunity(anyCaseId()))),
				answers(EVENTS, 200, (http) -> {
					String opened = caseOpenedInCommunity(anyCaseId());
					http.postJson(opened);
					return http.postJson(opened);
				}), answers(EVENTS, 400, (http) -> http.postJson("{\"type\": \"ARRESTED\"}")),
				answers(EVENTS, 404, (http) -> http.postJson(event(anyCaseId(), "STAY_LIFTED", ""))),
				answers(EVENTS, 409, (http) -> {
					String caseId = anyCaseId();
					http.postJson(caseOpenedInCommunity(caseId));
					return http.postJson(caseOpened(UUID.randomUUID().toString(), caseId, "DETAINED", "[]"));
				}),
				answers(EVENTS, 413,
						(http) -> http
							.postJson(event(anyCaseId(), "REMOVED", "\"padding\": \"" + "x".repeat(70_000) + "\""))),
				answers(EVENTS, 415,
						(http) -> http.post("/api/v1/events", "text/plain", caseOpenedInCommunity(anyCaseId()))),
				provenBy("IntakeLimitsTest", EVENTS, 429),
				answersExactly(CASE, 200, (http) -> http.get("/api/v1/cases/" + assignedCase())),
				answers(CASE, 404, (http) -> http.get("/api/v1/cases/" + anyCaseId())),
				answers(CASE_EVENTS, 200, (http) -> http.get("/api/v1/cases/" + assignedCase() + "/events")),
				answers(CASE_EVENTS, 404, (http) -> http.get("/api/v1/cases/" + anyCaseId() + "/events")),
				provenBy(
						"IntakeUnderFaultsTest and CaseReadAuditTest (Kafka away); the issuer away: "
								+ "monitoring's and reporting's IssuerAwayTest, the same AccessControl",
						ApiDocsDrift.ANY_OPERATION, 503));
	}

	/**
	 * A case with every field of its state set: opened in the community, then given a
	 * team.
	 */
	private String assignedCase() {
		HttpJson upstream = new HttpJson(baseUrl());
		String caseId = anyCaseId();
		upstream.postJson(caseOpenedInCommunity(caseId));
		upstream.postJson(event(caseId, "ASSIGNED_TO_TEAM", "\"team\": \"PAC-VAN-3\""));
		return caseId;
	}

}
