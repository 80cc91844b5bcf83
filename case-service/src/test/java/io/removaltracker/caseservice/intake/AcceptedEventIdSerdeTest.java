package io.removaltracker.caseservice.intake;

import java.nio.charset.StandardCharsets;

import io.removaltracker.caseservice.rules.AcceptedEventId;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The {@code case-event-ids} values keep the text earlier versions wrote. */
class AcceptedEventIdSerdeTest {

	private static final String TOPIC = "case-service-case-event-ids-changelog";

	private static final String FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	private final Serde<AcceptedEventId> serde = AcceptedEventIdSerde.create();

	@Test
	void roundTrips() {
		AcceptedEventId id = new AcceptedEventId(FINGERPRINT, 1_234_567_890_123L);

		byte[] bytes = this.serde.serializer().serialize(TOPIC, id);

		assertThat(this.serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(id);
	}

	@Test
	void readsAndWritesTheLegacyText() {
		byte[] legacy = (FINGERPRINT + "|42").getBytes(StandardCharsets.UTF_8);

		AcceptedEventId id = this.serde.deserializer().deserialize(TOPIC, legacy);

		assertThat(id).isEqualTo(new AcceptedEventId(FINGERPRINT, 42));
		assertThat(this.serde.serializer().serialize(TOPIC, id)).isEqualTo(legacy);
	}

	@Test
	void deletionsStayNull() {
		assertThat(this.serde.serializer().serialize(TOPIC, null)).isNull();
		assertThat(this.serde.deserializer().deserialize(TOPIC, null)).isNull();
	}

	@Test
	void textWithoutASequenceIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.serde.deserializer().deserialize(TOPIC, FINGERPRINT.getBytes(StandardCharsets.UTF_8)));
	}

}
