package io.removaltracker.caseservice.rules;

import java.util.List;
import java.util.Map;

import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.ReleasedFromPrison;
import io.removaltracker.events.intake.Removed;
import io.removaltracker.events.intake.StayLifted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.removaltracker.caseservice.rules.CaseFixtures.NOW;
import static io.removaltracker.caseservice.rules.CaseFixtures.anIntake;
import static org.assertj.core.api.Assertions.assertThat;

class IntakeValidationTest {

	@ParameterizedTest
	@EnumSource(CaseEventType.class)
	void everyFixtureTypeIsWellFormed(CaseEventType type) {
		assertThat(IntakeValidation.check(anIntake(type), NOW).asMap()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "slash/no", "é-accent",
			"0123456789012345678901234567890123456789012345678901234567890123x" })
	void caseIdOutsideTheAllowedCharactersOrLengthIsRefused(String caseId) {
		IntakeEvent event = anIntake(CaseEventType.STAY_LIFTED);
		event.setCaseId(caseId);

		assertThat(IntakeValidation.check(event, NOW).asMap()).containsOnlyKeys("caseId");
	}

	@Test
	void sixtyFourCharacterCaseIdIsAccepted() {
		IntakeEvent event = anIntake(CaseEventType.STAY_LIFTED);
		event.setCaseId("A".repeat(64));

		assertThat(IntakeValidation.check(event, NOW).isEmpty()).isTrue();
	}

	@Test
	void eventIdMustBeAUuid() {
		IntakeEvent event = anIntake(CaseEventType.STAY_LIFTED);
		event.setEventId("not-a-uuid");

		assertThat(IntakeValidation.check(event, NOW).asMap()).containsOnlyKeys("eventId");
	}

	@Test
	void occurredAtUpToFiveMinutesAheadIsAcceptedAndLaterIsNot() {
		IntakeEvent event = anIntake(CaseEventType.STAY_LIFTED);
		event.setOccurredAt(NOW.plusSeconds(300));
		assertThat(IntakeValidation.check(event, NOW).isEmpty()).isTrue();

		event.setOccurredAt(NOW.plusSeconds(301));
		assertThat(IntakeValidation.check(event, NOW).asMap()).containsOnlyKeys("occurredAt");
	}

	@Test
	void sourceLongerThan64IsRefused() {
		IntakeEvent event = anIntake(CaseEventType.STAY_LIFTED);
		event.setSource("s".repeat(65));

		assertThat(IntakeValidation.check(event, NOW).asMap()).containsOnlyKeys("source");
	}

	@Test
	void payloadMustMatchTheType() {
		IntakeEvent event = anIntake(CaseEventType.REMOVED);
		event.setPayload(new StayLifted());

		assertThat(IntakeValidation.check(event, NOW).asMap()).containsOnlyKeys("payload");
	}

	@Test
	void conditionsOnlyWithInCommunity() {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		((CaseOpened) opened.getPayload()).setCustody(Custody.DETAINED);
		IntakeEvent released = anIntake(CaseEventType.RELEASED_FROM_PRISON);
		released.setPayload(new ReleasedFromPrison(ReleasedTo.DETAINED, List.of(Condition.REPORTING)));

		assertThat(IntakeValidation.check(opened, NOW).asMap()).containsOnlyKeys("conditions");
		assertThat(IntakeValidation.check(released, NOW).asMap()).containsOnlyKeys("conditions");
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTI", "UNKNOWN", "STATELESS" })
	void nationalityIsAlpha3OrUnknownOrStateless(String nationality) {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		((CaseOpened) opened.getPayload()).setNationality(nationality);

		assertThat(IntakeValidation.check(opened, NOW).isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ht", "Haiti", "hti", "ABCD", "" })
	void otherNationalitiesAreRefused(String nationality) {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		((CaseOpened) opened.getPayload()).setNationality(nationality);

		assertThat(IntakeValidation.check(opened, NOW).asMap()).containsOnlyKeys("nationality");
	}

	@Test
	void destinationCountryWhenGivenIsAlpha3() {
		IntakeEvent removed = anIntake(CaseEventType.REMOVED);
		removed.setPayload(new Removed("Jamaica"));

		assertThat(IntakeValidation.check(removed, NOW).asMap()).containsOnlyKeys("destinationCountry");
	}

	@ParameterizedTest
	@ValueSource(strings = { "JAM", "SOM", "STATELESS" })
	void aCountryOrStatelessnessCanBeEstablished(String nationality) {
		IntakeEvent established = anIntake(CaseEventType.NATIONALITY_ESTABLISHED);
		established.setPayload(new NationalityEstablished(nationality));

		assertThat(IntakeValidation.check(established, NOW).isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "UNKNOWN", "hti", "Hti", "HT", "HTIA", "Haiti", "H1I", "" })
	void unknownOrMalformedNationalitiesCannotBeEstablished(String nationality) {
		IntakeEvent established = anIntake(CaseEventType.NATIONALITY_ESTABLISHED);
		established.setPayload(new NationalityEstablished(nationality));

		Map<String, String> errors = IntakeValidation.check(established, NOW).asMap();

		assertThat(errors).containsOnlyKeys("nationality");
		assertThat(errors.get("nationality")).contains("STATELESS, not UNKNOWN");
	}

	@ParameterizedTest
	@ValueSource(strings = { "A", "GTA-EAST-2", "7", "ABCDEFGHIJKLMNOPQRSTUVWXYZ-01234" })
	void teamsAreUpTo32CapitalsDigitsAndHyphens(String team) {
		IntakeEvent assigned = anIntake(CaseEventType.ASSIGNED_TO_TEAM);
		assigned.setPayload(new AssignedToTeam(team));

		assertThat(IntakeValidation.check(assigned, NOW).isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "gta-east-2", "GTA EAST", "GTA_EAST", "ÉQUIPE", "ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345" })
	void otherTeamsAreRefused(String team) {
		IntakeEvent assigned = anIntake(CaseEventType.ASSIGNED_TO_TEAM);
		assigned.setPayload(new AssignedToTeam(team));

		assertThat(IntakeValidation.check(assigned, NOW).asMap()).containsOnlyKeys("team");
	}

	@Test
	void aReviewCarriesTheReviewPayload() {
		IntakeEvent review = anIntake(CaseEventType.REVIEW_COMPLETED);
		review.setPayload(new AssignedToTeam("GTA-EAST-2"));

		assertThat(IntakeValidation.check(review, NOW).asMap()).containsOnlyKeys("payload");
	}

}
