package io.removaltracker.events;

import java.util.Map;
import java.util.UUID;

import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.serde.WireFormat;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A value framed with a registered schema of another topic's record is refused by the
 * topic's serde with a message naming the topic, the record it carries and the one found,
 * never handed on to fail as a class cast.
 */
class ForeignSchemaTest {

	private final String scope = "foreign-" + UUID.randomUUID();

	private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + this.scope);

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void aWantedFlagOnCaseIntakeIsRefusedNamingTopicExpectedAndFound() {
		WantedFlagEvent flag = SampleEvents.raisedUpdatedAndCleared().get(0);
		byte[] foreign = Topics.WANTED_FLAGS.valueSerde(this.serdeConfig)
			.serializer()
			.serialize(Topics.WANTED_FLAGS.name(), flag);
		int schemaId = WireFormat.schemaId(Topics.WANTED_FLAGS.name(), foreign);

		assertThatThrownBy(() -> Topics.CASE_INTAKE.valueSerde(this.serdeConfig)
			.deserializer()
			.deserialize(Topics.CASE_INTAKE.name(), foreign))
			.isInstanceOf(SerializationException.class)
			.hasMessage("Cannot decode a value from topic 'case-intake': expected record "
					+ "io.removaltracker.events.intake.IntakeEvent, found io.removaltracker.events.wanted.WantedFlagEvent"
					+ " (schema id " + schemaId + ")");
	}

	@Test
	void everyAvroTopicRefusesEveryOtherTopicsRecord() {
		IntakeEvent intake = SampleEvents.everyIntakeType().get(0);
		byte[] intakeFrame = Topics.CASE_INTAKE.valueSerde(this.serdeConfig)
			.serializer()
			.serialize(Topics.CASE_INTAKE.name(), intake);

		for (Topic<?> topic : Topics.all()) {
			if (topic.valueSchema().isEmpty() || topic == Topics.CASE_INTAKE) {
				continue;
			}
			assertThatThrownBy(
					() -> topic.valueSerde(this.serdeConfig).deserializer().deserialize(topic.name(), intakeFrame))
				.as(topic.name())
				.isInstanceOf(SerializationException.class)
				.hasMessageContaining("topic '" + topic.name() + "'")
				.hasMessageContaining("expected record " + topic.valueSchema().get().getFullName())
				.hasMessageContaining("found " + IntakeEvent.getClassSchema().getFullName());
		}
	}

	@Test
	void theTopicsOwnRecordStillReadsBack() {
		IntakeEvent intake = SampleEvents.everyIntakeType().get(0);
		byte[] frame = Topics.CASE_INTAKE.valueSerde(this.serdeConfig)
			.serializer()
			.serialize(Topics.CASE_INTAKE.name(), intake);

		assertThat(Topics.CASE_INTAKE.valueSerde(this.serdeConfig)
			.deserializer()
			.deserialize(Topics.CASE_INTAKE.name(), frame)).isEqualTo(intake);
	}

}
