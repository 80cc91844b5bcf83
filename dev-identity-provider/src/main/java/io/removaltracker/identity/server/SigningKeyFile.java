package io.removaltracker.identity.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.removaltracker.identity.credentials.OwnerOnlyFiles;

/**
 * The RSA key tokens are signed with, kept in a file (a private JWK, owner-only) so that
 * a restart changes neither the key nor its id: tokens issued before stay valid, and a
 * service that cached the key set keeps verifying.
 */
final class SigningKeyFile {

	private SigningKeyFile() {
	}

	/** The key in the file, generated and written first if there is none. */
	static RSAKey loadOrCreate(Path file) {
		try {
			for (;;) {
				RSAKey existing = read(file);
				if (existing != null) {
					OwnerOnlyFiles.restrictToOwner(file);
					return existing;
				}
				RSAKey generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256)
					.keyIDFromThumbprint(true)
					.generate();
				if (OwnerOnlyFiles.createAtomically(file, generated.toJSONString())) {
					return generated;
				}
				// Another process wrote one first: sign with that one.
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the signing key file " + file, ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an RSA signing key", ex);
		}
	}

	private static RSAKey read(Path file) throws IOException {
		String content;
		try {
			content = Files.readString(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		try {
			RSAKey key = RSAKey.parse(content);
			if (key.isPrivate()) {
				return key;
			}
		}
		catch (ParseException ex) {
			// Not quoted: the content is a private key.
		}
		throw new IllegalStateException("The signing key file " + file
				+ " does not hold a private RSA JWK; delete it to have a new key made (tokens issued before become invalid)");
	}

}
