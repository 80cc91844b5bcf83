package io.removaltracker.caseservice.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.removaltracker.events.intake.IntakeEvent;

/**
 * A SHA-256 of the Avro-encoded intake event, in hex: equal for the same content,
 * whatever the channel it came by.
 */
final class EventFingerprint {

	/**
	 * One digest per stream thread: looking up the algorithm for every event showed in
	 * JFR.
	 */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	});

	private EventFingerprint() {
	}

	static String of(IntakeEvent event) {
		try {
			MessageDigest sha = SHA_256.get();
			sha.reset();
			ByteBuffer encoded = event.toByteBuffer();
			byte[] bytes = new byte[encoded.remaining()];
			encoded.get(bytes);
			return HexFormat.of().formatHex(sha.digest(bytes));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot fingerprint an intake event", ex);
		}
	}

}
