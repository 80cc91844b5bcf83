package io.removaltracker.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TeamTest {

	@ParameterizedTest
	@ValueSource(strings = { "A", "GTA-EAST-2", "7", "QC-MTL-1", "ABCDEFGHIJKLMNOPQRSTUVWXYZ-01234" })
	void capitalsDigitsAndHyphensUpTo32AreTeams(String value) {
		assertThat(Team.isValid(value)).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "gta-east-2", "GTA EAST", "GTA_EAST", "ÉQUIPE-1", "ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345",
			" GTA", "GTA\n" })
	void anythingElseIsNot(String value) {
		assertThat(Team.isValid(value)).isFalse();
	}

}
