package io.removaltracker.simulator;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.removaltracker.events.intake.IntakeEvent;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * An intake event as JSON (docs/contract.md, Intake): the common fields and the payload's
 * fields side by side, instants and dates in ISO-8601, enums by name, absent values left
 * out.
 */
public final class IntakeEventJson {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private IntakeEventJson() {
	}

	public static String write(IntakeEvent event) {
		ObjectNode json = MAPPER.createObjectNode();
		json.put("eventId", event.getEventId());
		json.put("caseId", event.getCaseId());
		json.put("type", event.getType().name());
		json.put("occurredAt", event.getOccurredAt().toString());
		if (event.getSource() != null) {
			json.put("source", event.getSource());
		}
		SpecificRecord payload = (SpecificRecord) event.getPayload();
		for (Schema.Field field : payload.getSchema().getFields()) {
			Object value = payload.get(field.pos());
			if (value instanceof List<?> list) {
				ArrayNode array = json.putArray(field.name());
				list.forEach((item) -> array.add(item.toString()));
			}
			else if (value != null) {
				json.put(field.name(), value.toString());
			}
		}
		return json.toString();
	}

}
