package io.removaltracker.caseservice.api;

/**
 * Examples for the OpenAPI document: one case opened over HTTP and read back. The API
 * documents test holds each to its schema.
 */
final class ApiExamples {

	static final String CASE_OPENED = """
			{"eventId": "9b2f0c53-8a3e-4c1e-9a52-7d1f3b6e2a10", "caseId": "C-2024-000117", "type": "CASE_OPENED",
			 "occurredAt": "2024-05-14T13:00:00Z", "source": "intake-portal", "personId": "P-88231",
			 "nationality": "HTI", "criminality": "CRIMINAL", "orderType": "DEPORTATION", "region": "GREATER_TORONTO",
			 "custody": "IN_COMMUNITY", "conditions": ["REPORTING"]}""";

	static final String CASE_OPENED_ACCEPTED = """
			{"eventId": "9b2f0c53-8a3e-4c1e-9a52-7d1f3b6e2a10", "caseId": "C-2024-000117", "sequence": 1,
			 "type": "CASE_OPENED", "occurredAt": "2024-05-14T13:00:00Z", "recordedAt": "2024-05-14T13:00:02.117Z",
			 "source": "intake-portal", "personId": "P-88231", "nationality": "HTI", "criminality": "CRIMINAL",
			 "orderType": "DEPORTATION", "region": "GREATER_TORONTO", "custody": "IN_COMMUNITY",
			 "conditions": ["REPORTING"],
			 "case": {"personId": "P-88231", "nationality": "HTI", "criminality": "CRIMINAL", "orderType": "DEPORTATION",
			          "region": "GREATER_TORONTO", "custody": "IN_COMMUNITY", "conditions": ["REPORTING"],
			          "stayed": false, "open": true, "openedAt": "2024-05-14T13:00:00Z"},
			 "reportedBy": "intake-portal"}""";

	static final String CASE_STATE = """
			{"caseId": "C-2024-000117", "lastSequence": 3, "personId": "P-88231", "nationality": "HTI",
			 "criminality": "CRIMINAL", "orderType": "DEPORTATION", "region": "GREATER_TORONTO",
			 "custody": "IN_COMMUNITY", "conditions": ["REPORTING"], "stayed": false, "open": true,
			 "openedAt": "2024-05-14T13:00:00Z", "team": "GTA-EAST-2"}""";

	private ApiExamples() {
	}

}
