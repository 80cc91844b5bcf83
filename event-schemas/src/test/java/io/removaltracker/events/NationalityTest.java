package io.removaltracker.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NationalityTest {

	@ParameterizedTest
	@ValueSource(strings = { "HTI", "JAM", "ZZZ", "UNKNOWN", "STATELESS" })
	void alpha3CodesUnknownAndStatelessAreNationalities(String value) {
		assertThat(Nationality.isValid(value)).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "hti", "HT", "HTIA", "HT1", " HTI", "Unknown", "STATELESS ", "NONE" })
	void anythingElseIsNot(String value) {
		assertThat(Nationality.isValid(value)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "UNKNOWN", "STATELESS" })
	void unknownAndStatelessNameNoCountry(String value) {
		assertThat(Nationality.isCountryCode(value)).isFalse();
		assertThat(Nationality.isCountryCode("SOM")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTI", "SOM", "STATELESS" })
	void aCountryOrStatelessnessCanBeEstablished(String value) {
		assertThat(Nationality.isEstablished(value)).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "UNKNOWN", "hti", "HT", "HTIA", "Stateless" })
	void unknownAndMalformedValuesCannotBeEstablished(String value) {
		assertThat(Nationality.isEstablished(value)).isFalse();
	}

}
