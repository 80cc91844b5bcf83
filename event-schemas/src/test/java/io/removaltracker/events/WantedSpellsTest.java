package io.removaltracker.events;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WantedSpellsTest {

	private static final Instant SINCE = Instant.parse("2021-03-01T10:00:00Z");

	private static final Instant CLEARED = Instant.parse("2022-05-01T08:00:00Z");

	@Test
	void aRaisedSpellIsOpenUntilCleared() {
		assertThat(WantedSpells.isOpen(SINCE, null)).isTrue();
		assertThat(WantedSpells.isOpen(SINCE, CLEARED)).isFalse();
		assertThat(WantedSpells.isOpen(null, null)).isFalse();
	}

	@Test
	void aSpellCoversFromItsRaiseUpToButNotIncludingItsClear() {
		assertThat(WantedSpells.covers(SINCE, CLEARED, SINCE.minusMillis(1))).isFalse();
		assertThat(WantedSpells.covers(SINCE, CLEARED, SINCE)).isTrue();
		assertThat(WantedSpells.covers(SINCE, CLEARED, CLEARED.minusMillis(1))).isTrue();
		assertThat(WantedSpells.covers(SINCE, CLEARED, CLEARED)).isFalse();
		assertThat(WantedSpells.covers(SINCE, null, Instant.parse("2099-01-01T00:00:00Z"))).isTrue();
	}

}
