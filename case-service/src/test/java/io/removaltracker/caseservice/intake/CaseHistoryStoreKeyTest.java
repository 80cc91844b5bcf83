package io.removaltracker.caseservice.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseHistoryStoreKeyTest {

	@Test
	void keysAreZeroPaddedToNineteenDigitsSoTheySortBySequence() {
		assertThat(CaseHistoryStore.key("C-1", 42)).isEqualTo("C-1/0000000000000000042");
		assertThat(CaseHistoryStore.key("C-1", Long.MAX_VALUE)).isEqualTo("C-1/" + Long.MAX_VALUE);
		assertThat(CaseHistoryStore.key("C-1", 9)).isLessThan(CaseHistoryStore.key("C-1", 10));
		assertThat(CaseHistoryStore.key("C-1", 1)).isEqualTo("C-1/" + String.format("%019d", 1));
	}

}
