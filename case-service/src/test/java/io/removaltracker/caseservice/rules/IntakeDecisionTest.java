package io.removaltracker.caseservice.rules;

import java.util.Optional;

import io.removaltracker.caseservice.rules.Decision.Accepted;
import io.removaltracker.caseservice.rules.Decision.Duplicate;
import io.removaltracker.caseservice.rules.Decision.Refused;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.HearingScheduled;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.intake.IntakeEvent;
import org.junit.jupiter.api.Test;

import static io.removaltracker.caseservice.rules.CaseFixtures.NOW;
import static io.removaltracker.caseservice.rules.CaseFixtures.aCaseInCommunity;
import static io.removaltracker.caseservice.rules.CaseFixtures.anIntake;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repeated eventId is a duplicate or a conflict by its content alone; a new one is up
 * to the case state machine.
 */
class IntakeDecisionTest {

	private static final String FINGERPRINT = "5e1f0c7a";

	@Test
	void newEventIdIsDecidedByTheCaseState() {
		Decision decision = IntakeDecision.decide(anIntake(CaseEventType.ARRESTED), FINGERPRINT, null,
				historyEndingWith(aCaseInCommunity()), NOW);

		assertThat(decision).isInstanceOfSatisfying(Accepted.class, (accepted) -> {
			assertThat(accepted.event().getSequence()).isEqualTo(4);
			assertThat(accepted.event().getCase$().getCustody()).isEqualTo(Custody.DETAINED);
		});
	}

	@Test
	void eventIdAcceptedBeforeWithTheSameContentIsADuplicateOfTheFirstEvent() {
		Decision decision = IntakeDecision.decide(anIntake(CaseEventType.ARRESTED), FINGERPRINT,
				new AcceptedEventId(FINGERPRINT, 2), historyNeverRead(), NOW);

		assertThat(decision).isEqualTo(new Duplicate(2));
	}

	@Test
	void repeatedCaseOpenedIsADuplicateWhileANewOneForTheSameCaseIsRefused() {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);

		Decision repeat = IntakeDecision.decide(opened, FINGERPRINT, new AcceptedEventId(FINGERPRINT, 1),
				historyNeverRead(), NOW);
		Decision another = IntakeDecision.decide(anIntake(CaseEventType.CASE_OPENED), FINGERPRINT, null,
				historyEndingWith(aCaseInCommunity()), NOW);

		assertThat(repeat).isEqualTo(new Duplicate(1));
		assertThat(another).isInstanceOfSatisfying(Refused.class,
				(refused) -> assertThat(refused.reason()).isEqualTo(RefusalReason.CASE_EXISTS));
	}

	@Test
	void eventIdAcceptedBeforeWithOtherContentIsAConflict() {
		IntakeEvent arrested = anIntake(CaseEventType.ARRESTED);

		Decision decision = IntakeDecision.decide(arrested, FINGERPRINT, new AcceptedEventId("0dd1c0de", 2),
				historyNeverRead(), NOW);

		assertThat(decision).isInstanceOfSatisfying(Refused.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(RefusalReason.EVENT_ID_CONFLICT);
			assertThat(refused.reason().status()).isEqualTo(409);
			assertThat(refused.detail()).contains(arrested.getEventId()).contains("different content");
			assertThat(refused.fieldErrors()).containsOnlyKeys("eventId");
		});
	}

	private static CaseHistory historyEndingWith(CaseEvent last) {
		return new CaseHistory() {

			@Override
			public Optional<CaseEvent> last(String caseId) {
				return Optional.of(last);
			}

			@Override
			public Optional<HearingScheduled> scheduledHearing(String caseId, String hearingId) {
				return Optional.empty();
			}

		};
	}

	/** A repeated eventId is decided without the case: its state may have moved on. */
	private static CaseHistory historyNeverRead() {
		return new CaseHistory() {

			@Override
			public Optional<CaseEvent> last(String caseId) {
				throw new AssertionError("a repeated eventId is decided without the case history");
			}

			@Override
			public Optional<HearingScheduled> scheduledHearing(String caseId, String hearingId) {
				throw new AssertionError("a repeated eventId is decided without the case history");
			}

		};
	}

}
