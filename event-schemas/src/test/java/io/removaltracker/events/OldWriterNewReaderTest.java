package io.removaltracker.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.intake.HearingMissed;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.serde.AvroSerializer;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Data written by an upstream producer still on an older intake schema (no
 * {@code source}, no {@code conditions} on CaseOpened) is read by today's classes, with
 * the defaults filled in; so is data written with each subject's first published version.
 * The other way round fails: a reader still on version 1 cannot read an event type it
 * does not know, which is why consumers are upgraded before producers.
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

	@Test
	void caseEventsWrittenWithVersionOneAreReadWithoutATeam() throws Exception {
		CaseEvent arrested = SampleEvents.everyCanonicalType().get(CaseEventType.ARRESTED.ordinal());
		byte[] bytes = asWrittenBy(published("case-events-value", 1), arrested, "case-events");

		CaseEvent read = Topics.CASE_EVENTS.valueSerde(config()).deserializer().deserialize("case-events", bytes);

		assertThat(read).isEqualTo(arrested);
		assertThat(read.getCase$().getTeam()).isNull();
	}

	@Test
	void caseEventsWrittenWithVersionTwoAreReadWithoutAReporter() throws Exception {
		CaseEvent assigned = SampleEvents.everyCanonicalType().get(CaseEventType.ASSIGNED_TO_TEAM.ordinal());
		byte[] bytes = asWrittenBy(published("case-events-value", 2), assigned, "case-events");

		CaseEvent read = Topics.CASE_EVENTS.valueSerde(config()).deserializer().deserialize("case-events", bytes);

		assertThat(read).isEqualTo(assigned);
		assertThat(read.getReportedBy()).isNull();
	}

	@Test
	void caseEventsWrittenWithVersionOneAreReadWithoutAReporter() throws Exception {
		CaseEvent arrested = SampleEvents.everyCanonicalType().get(CaseEventType.ARRESTED.ordinal());
		byte[] bytes = asWrittenBy(published("case-events-value", 1), arrested, "case-events");

		CaseEvent read = Topics.CASE_EVENTS.valueSerde(config()).deserializer().deserialize("case-events", bytes);

		assertThat(read.getReportedBy()).isNull();
	}

	@Test
	void aReaderStillOnVersionTwoReadsEventsWithAReporterAndSkipsIt() throws Exception {
		CaseEvent arrested = SampleEvents.everyCanonicalType().get(CaseEventType.ARRESTED.ordinal());
		arrested.setReportedBy("kafka:corrections-feed");

		GenericRecord read = resolve(arrested, published("case-events-value", 2));

		assertThat(read.get("eventId")).hasToString(arrested.getEventId());
		assertThat(read.hasField("reportedBy")).isFalse();
	}

	@Test
	void wantedFlagsWrittenWithVersionOneAreReadWithoutTeamOrReviewDate() throws Exception {
		WantedFlagEvent raised = SampleEvents.raisedUpdatedAndCleared().get(0);
		byte[] bytes = asWrittenBy(published("wanted-flags-value", 1), raised, "wanted-flags");

		WantedFlagEvent read = Topics.WANTED_FLAGS.valueSerde(config())
			.deserializer()
			.deserialize("wanted-flags", bytes);

		assertThat(read).isEqualTo(raised);
		assertThat(read.getTeam()).isNull();
		assertThat(read.getReviewDue()).isNull();
	}

	@Test
	void aReaderStillOnVersionOneCannotReadTheNewEventTypes() throws Exception {
		Schema v1 = published("case-events-value", 1);
		for (CaseEventType type : List.of(CaseEventType.NATIONALITY_ESTABLISHED, CaseEventType.ASSIGNED_TO_TEAM,
				CaseEventType.REVIEW_COMPLETED)) {
			CaseEvent event = SampleEvents.everyCanonicalType().get(type.ordinal());

			assertThatThrownBy(() -> resolve(event, v1)).as(type.name()).isInstanceOf(AvroTypeException.class);
		}
	}

	@Test
	void aReaderStillOnVersionOneReadsTheOldTypesWrittenWithVersionTwo() throws Exception {
		CaseEvent arrested = SampleEvents.everyCanonicalType().get(CaseEventType.ARRESTED.ordinal());
		arrested.getCase$().setTeam("GTA-EAST-2");

		GenericRecord read = resolve(arrested, published("case-events-value", 1));

		assertThat(read.get("type")).hasToString("ARRESTED");
		assertThat(((GenericRecord) read.get("case")).hasField("team")).isFalse();
	}

	private Map<String, Object> config() {
		return Map.of("schema.registry.url", "mock://" + this.scope);
	}

	/**
	 * The record as a producer on an older schema writes it: resolved to that schema,
	 * then serialized with it, so the older schema is the one registered and named in the
	 * bytes.
	 */
	private byte[] asWrittenBy(Schema older, SpecificRecord record, String topic) throws IOException {
		AvroSerializer<GenericRecord> oldProducer = new AvroSerializer<>();
		oldProducer.configure(config(), false);
		return oldProducer.serialize(topic, resolve(record, older));
	}

	private static GenericRecord resolve(SpecificRecord record, Schema reader) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
		encoder.flush();
		return new GenericDatumReader<GenericRecord>(record.getSchema(), reader).read(null,
				DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
	}

	/** A version as recorded by the schema-history guard. */
	private static Schema published(String subject, int version) throws IOException {
		return new Schema.Parser()
			.parse(Files.readString(Path.of("src/main/schema-history", subject, "v" + version + ".avsc")));
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
