package io.removaltracker.caseservice.intake;

import java.nio.charset.StandardCharsets;

import io.removaltracker.caseservice.rules.AcceptedEventId;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The {@code case-event-ids} values as UTF-8 text {@code fingerprint|sequence}. The text
 * is what the store and its changelog have always held, so existing changelog topics and
 * state directories still read.
 */
final class AcceptedEventIdSerde {

	private AcceptedEventIdSerde() {
	}

	static Serde<AcceptedEventId> create() {
		return Serdes.serdeFrom((topic, id) -> (id == null) ? null : write(id),
				(topic, bytes) -> (bytes == null) ? null : read(bytes));
	}

	static byte[] write(AcceptedEventId id) {
		return (id.fingerprint() + "|" + id.sequence()).getBytes(StandardCharsets.UTF_8);
	}

	static AcceptedEventId read(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		int bar = text.lastIndexOf('|');
		if (bar < 0) {
			throw new IllegalArgumentException("Not an accepted eventId (fingerprint|sequence): " + text);
		}
		return new AcceptedEventId(text.substring(0, bar), Long.parseLong(text.substring(bar + 1)));
	}

}
