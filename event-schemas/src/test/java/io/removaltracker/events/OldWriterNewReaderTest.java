package io.removaltracker.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.intake.HearingMissed;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.serde.AvroSerializer;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data written by an upstream producer still on an older intake schema (no
 * {@code source}, no {@code conditions} on CaseOpened) is read by today's classes, with
 * the defaults filled in.
 */
class OldWriterNewReaderTest {

	private final String scope = "old-writer-" + UUID.randomUUID();

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void olderIntakeSchemaIsReadWithDefaults() throws Exception {
		Schema older = olderIntakeSchema();
		Schema olderHearingMissed = older.getField("payload")
			.schema()
			.getTypes()
			.stream()
			.filter((branch) -> branch.getName().equals("HearingMissed"))
			.findFirst()
			.orElseThrow();
		GenericRecord payload = new GenericData.Record(olderHearingMissed);
		payload.put("hearingId", "H-9");
		payload.put("hearingType", new GenericData.EnumSymbol(HearingType.getClassSchema(), "REMOVAL_INTERVIEW"));
		GenericRecord event = new GenericData.Record(older);
		event.put("eventId", "5b0c4c7e-8f65-4a77-9f3a-0d1f6b9b2a10");
		event.put("caseId", "C-OLD-1");
		event.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "HEARING_MISSED"));
		event.put("occurredAt", 1_600_000_000_000L);
		event.put("payload", payload);
		Map<String, Object> config = Map.of("schema.registry.url", "mock://" + this.scope);
		AvroSerializer<GenericRecord> oldProducer = new AvroSerializer<>();
		oldProducer.configure(config, false);

		byte[] bytes = oldProducer.serialize("case-intake", event);
		IntakeEvent read = Topics.CASE_INTAKE.valueSerde(config).deserializer().deserialize("case-intake", bytes);

		assertThat(read.getCaseId()).isEqualTo("C-OLD-1");
		assertThat(read.getSource()).isNull();
		assertThat(read.getPayload()).isInstanceOfSatisfying(HearingMissed.class, (missed) -> {
			assertThat(missed.getHearingId()).isEqualTo("H-9");
			assertThat(missed.getHearingType()).isEqualTo(HearingType.REMOVAL_INTERVIEW);
			assertThat(missed.getScheduledFor()).isNull();
		});
		assertThat(MockSchemaRegistry.forScope(this.scope).versions("case-intake-value")).containsExactly(1);
	}

	/**
	 * Today's intake schema less two fields that have defaults, as an older producer had
	 * it.
	 */
	private static Schema olderIntakeSchema() throws Exception {
		ObjectMapper json = new ObjectMapper();
		ObjectNode root = (ObjectNode) json.readTree(IntakeEvent.getClassSchema().toString());
		ArrayNode fields = (ArrayNode) root.get("fields");
		removeField(fields, "source");
		for (JsonNode field : fields) {
			if (field.get("name").asText().equals("payload")) {
				for (JsonNode branch : field.get("type")) {
					if (branch.path("name").asText().equals("HearingMissed")) {
						removeField((ArrayNode) branch.get("fields"), "scheduledFor");
					}
				}
			}
		}
		return new Schema.Parser().parse(json.writeValueAsString(root));
	}

	private static void removeField(ArrayNode fields, String name) {
		for (int i = 0; i < fields.size(); i++) {
			if (fields.get(i).get("name").asText().equals(name)) {
				fields.remove(i);
				return;
			}
		}
		throw new IllegalArgumentException("no field " + name + " in " + List.of(fields));
	}

}
