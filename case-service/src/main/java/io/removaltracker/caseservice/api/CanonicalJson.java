package io.removaltracker.caseservice.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.removaltracker.events.cases.CaseEvent;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Canonical events and case states as JSON (docs/contract.md, Canonical events): the
 * common fields, the type-specific fields beside them as in intake JSON, and
 * {@code case}, the state after the event. Instants and dates are ISO-8601 text.
 */
final class CanonicalJson {

	private CanonicalJson() {
	}

	static Map<String, Object> event(CaseEvent event) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("eventId", event.getEventId());
		json.put("caseId", event.getCaseId());
		json.put("sequence", event.getSequence());
		json.put("type", event.getType().name());
		json.put("occurredAt", event.getOccurredAt().toString());
		json.put("recordedAt", event.getRecordedAt().toString());
		if (event.getSource() != null) {
			json.put("source", event.getSource());
		}
		json.putAll(fields((SpecificRecord) event.getPayload()));
		json.put("case", fields(event.getCase$()));
		if (event.getReportedBy() != null) {
			json.put("reportedBy", event.getReportedBy());
		}
		return json;
	}

	/**
	 * {@code GET /api/v1/cases/{caseId}}: the state after the last event, with its
	 * sequence.
	 */
	static Map<String, Object> caseState(CaseEvent last) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("caseId", last.getCaseId());
		json.put("lastSequence", last.getSequence());
		json.putAll(fields(last.getCase$()));
		return json;
	}

	private static Map<String, Object> fields(SpecificRecord record) {
		Map<String, Object> json = new LinkedHashMap<>();
		for (Schema.Field field : record.getSchema().getFields()) {
			Object value = record.get(field.pos());
			if (value != null) {
				json.put(field.name(), plain(value));
			}
		}
		return json;
	}

	private static Object plain(Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(CanonicalJson::plain).toList();
		}
		if (value instanceof Boolean || value instanceof Number) {
			return value;
		}
		return value.toString();
	}

}
