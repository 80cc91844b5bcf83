package io.removaltracker.caseservice.api;

import java.time.Instant;
import java.util.UUID;

/** Intake events as upstream systems send them over HTTP. */
public final class IntakeJsonFixtures {

	public static final String PERSON_ID = "P-SECRET-7731";

	private IntakeJsonFixtures() {
	}

	public static String anyCaseId() {
		return "C-" + UUID.randomUUID().toString().substring(0, 13);
	}

	public static String caseOpenedInCommunity(String caseId) {
		return caseOpened(UUID.randomUUID().toString(), caseId, "IN_COMMUNITY", "[\"REPORTING\"]");
	}

	public static String caseOpened(String eventId, String caseId, String custody, String conditions) {
		return """
				{"eventId": "%s", "caseId": "%s", "type": "CASE_OPENED", "occurredAt": "%s", "source": "officer-tool",
				 "personId": "%s", "nationality": "UNKNOWN", "criminality": "SERIOUS", "orderType": "DEPORTATION",
				 "region": "PACIFIC", "custody": "%s", "conditions": %s}""".formatted(eventId, caseId,
				Instant.now().minusSeconds(3600), PERSON_ID, custody, conditions);
	}

	/** An event of a type with no fields of its own beyond those given. */
	public static String event(String caseId, String type, String extraFields) {
		return """
				{"eventId": "%s", "caseId": "%s", "type": "%s", "occurredAt": "%s"%s}""".formatted(UUID.randomUUID(),
				caseId, type, Instant.now().minusSeconds(60), extraFields.isEmpty() ? "" : ", " + extraFields);
	}

}
