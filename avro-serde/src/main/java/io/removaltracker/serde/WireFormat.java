package io.removaltracker.serde;

import java.io.ByteArrayOutputStream;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent framing around an Avro binary datum: magic byte {@code 0x00}, then the
 * schema id as a signed 32-bit big-endian int. Anything else is refused, never guessed
 * at.
 */
public final class WireFormat {

	public static final byte MAGIC_BYTE = 0x00;

	public static final int HEADER_SIZE = 5;

	/** Newer Confluent clients' framing with a 16-byte schema GUID. */
	static final byte GUID_MAGIC_BYTE = 0x01;

	private WireFormat() {
	}

	/** Writes the 5-byte header for the schema id. */
	static void writeHeader(ByteArrayOutputStream out, int schemaId) {
		out.write(MAGIC_BYTE);
		out.write(schemaId >>> 24);
		out.write(schemaId >>> 16);
		out.write(schemaId >>> 8);
		out.write(schemaId);
	}

	/** The schema id of a framed value, after checking the frame. */
	public static int schemaId(String topic, byte[] value) {
		if (value.length < HEADER_SIZE) {
			throw new SerializationException("Cannot decode a value of " + value.length + " bytes from topic '" + topic
					+ "': the Confluent wire format needs at least 5 (magic byte 0x00 and a 4-byte schema id)");
		}
		byte magic = value[0];
		if (magic == GUID_MAGIC_BYTE) {
			throw new SerializationException("Cannot decode a value from topic '" + topic
					+ "': magic byte 0x01 marks the schema-GUID framing of newer Confluent clients, which this"
					+ " deserializer does not read; have the producer write integer schema ids (magic byte 0x00)");
		}
		if (magic != MAGIC_BYTE) {
			throw new SerializationException("Cannot decode a value from topic '" + topic + "': unknown magic byte 0x"
					+ String.format("%02X", magic) + "; the Confluent wire format starts with 0x00");
		}
		return ((value[1] & 0xFF) << 24) | ((value[2] & 0xFF) << 16) | ((value[3] & 0xFF) << 8) | (value[4] & 0xFF);
	}

}
