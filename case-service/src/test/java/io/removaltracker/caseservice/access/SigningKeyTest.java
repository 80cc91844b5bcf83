package io.removaltracker.caseservice.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyTest {

	private static final String SECRET = "a secret every case-service instance shares";

	@Test
	void instancesWithTheSameSecretVerifyEachOthersSignatures() {
		String signature = SigningKey.fromSecret(SECRET).sign("intake", "e-1", "officer-console");

		assertThat(SigningKey.fromSecret(SECRET).verifies(signature, "intake", "e-1", "officer-console")).isTrue();
		assertThat(SigningKey.random().verifies(signature, "intake", "e-1", "officer-console")).isFalse();
	}

	@Test
	void aSignatureHoldsForItsOwnPartsOnly() {
		SigningKey key = SigningKey.fromSecret(SECRET);
		String signature = key.sign("intake", "e-1", "officer-console");

		assertThat(key.verifies(signature, "intake", "e-2", "officer-console")).isFalse();
		assertThat(key.verifies(signature, "intake", "e-1", "intake-portal")).isFalse();
		assertThat(key.verifies(signature, "intake", "e-1officer-console")).as("parts are not run together").isFalse();
		assertThat(key.verifies(null, "intake", "e-1", "officer-console")).isFalse();
	}

	@Test
	void aShortSecretIsRefused() {
		assertThatThrownBy(() -> SigningKey.fromSecret("changeme")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least 32 characters");
	}

}
