package io.removaltracker.monitoring.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.removaltracker.events.common.Criminality;
import io.removaltracker.monitoring.CaseEventPublisher;
import io.removaltracker.monitoring.rules.CaseHistory;
import io.removaltracker.testing.ApiDocsDrift;
import io.removaltracker.testing.HttpJson;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import org.springframework.context.ApplicationContext;

import static io.removaltracker.testing.ApiDocsDrift.answers;
import static io.removaltracker.testing.ApiDocsDrift.answersExactly;
import static io.removaltracker.testing.ApiDocsDrift.provenBy;
import static org.awaitility.Awaitility.await;

/**
 * monitoring-service's OpenAPI document against its code ({@link ApiDocsDrift}), run by a
 * test class with a running service (so it shares that class's application context):
 * every documented answer made to happen for real, a wanted case with every field in the
 * list and alone, and every documented filter refusing a value it cannot take.
 */
interface MonitoringApiDocsDrift {

	String LIST = "GET /api/v1/wanted";

	String ONE = "GET /api/v1/wanted/{caseId}";

	/** The running service's address. */
	String baseUrl();

	ApplicationContext context();

	/** Publishes case events where the service reads them. */
	CaseEventPublisher publisher();

	@TestFactory
	default Stream<DynamicNode> theApiDocumentAndTheCodeAgree() {
		String team = "API-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		String caseId = publishWantedWithATeam(team);
		return ApiDocsDrift.of(baseUrl(), context(), Set.of(), answersExactly(LIST, 200, (http) -> {
			awaitWanted(http, caseId, team);
			return http.get("/api/v1/wanted?team=" + team);
		}), answersExactly(ONE, 200, (http) -> {
			awaitWanted(http, caseId, team);
			return http.get("/api/v1/wanted/" + caseId);
		}), answers(ONE, 404, (http) -> http.get("/api/v1/wanted/M-never-" + UUID.randomUUID())),
				provenBy("IssuerAwayTest (the issuer away)", ApiDocsDrift.ANY_OPERATION, 503));
	}

	/**
	 * A case wanted now with every field of an entry: it missed a hearing and has a team.
	 */
	private String publishWantedWithATeam(String team) {
		String caseId = "M-API-" + UUID.randomUUID();
		Instant since = Instant.now().minus(Duration.ofDays(30));
		publisher().publish(CaseHistory.openedInCommunity(caseId, Criminality.SERIOUS, since.minus(Duration.ofDays(1)))
			.missedHearing(since)
			.assignedTo(team, since.plus(Duration.ofDays(1)))
			.events());
		return caseId;
	}

	/**
	 * Until the service has the case with its team; any answer but 200 or 404 ends the
	 * wait.
	 */
	private static void awaitWanted(HttpJson http, String caseId, String team) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			HttpJson.Answer answer = http.get("/api/v1/wanted/" + caseId);
			if (answer.status() != 200 && answer.status() != 404) {
				throw new AssertionError("GET /api/v1/wanted/" + caseId + ": " + answer);
			}
			return answer.body().path("team").asText().equals(team);
		});
	}

}
