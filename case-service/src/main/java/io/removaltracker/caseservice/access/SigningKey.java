package io.removaltracker.caseservice.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key case-service instances share to vouch to each other for what only they can
 * know: who called over HTTP. An HMAC-SHA256 over length-prefixed parts, so that no two
 * lists of parts sign the same bytes. Anyone who may write {@code case-intake} or call an
 * instance can set a header, but without the key cannot make one that verifies.
 */
public final class SigningKey {

	private static final String ALGORITHM = "HmacSHA256";

	/** Shorter secrets are guessable offline from one signed header. */
	static final int MINIMUM_SECRET_LENGTH = 32;

	private final ThreadLocal<Mac> macs;

	private SigningKey(byte[] key) {
		SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
		this.macs = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance(ALGORITHM);
				mac.init(spec);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is missing from this JDK", ex);
			}
		});
	}

	/**
	 * The key of a secret every instance is given.
	 * @throws IllegalArgumentException when the secret is shorter than 32 characters
	 */
	public static SigningKey fromSecret(String secret) {
		if (secret == null || secret.length() < MINIMUM_SECRET_LENGTH) {
			throw new IllegalArgumentException("case-service.intake-signing-secret must have at least "
					+ MINIMUM_SECRET_LENGTH + " characters (for example: openssl rand -base64 32)");
		}
		return new SigningKey(secret.getBytes(StandardCharsets.UTF_8));
	}

	/** A key known to this process alone: enough for one instance, not for several. */
	public static SigningKey random() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new SigningKey(key);
	}

	/** The signature of the parts, in URL-safe Base64. */
	public String sign(String... parts) {
		Mac mac = this.macs.get();
		mac.reset();
		for (String part : parts) {
			byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
			mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
			mac.update(bytes);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
	}

	/**
	 * Whether the signature is this key's over these parts, compared in constant time.
	 */
	public boolean verifies(String signature, String... parts) {
		if (signature == null) {
			return false;
		}
		return MessageDigest.isEqual(sign(parts).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

}
