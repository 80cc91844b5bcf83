package io.removaltracker.caseservice.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.removaltracker.caseservice.rules.Decision.Accepted;
import io.removaltracker.caseservice.rules.Decision.Refused;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.HearingMissed;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.ReleasedFromPrison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.removaltracker.caseservice.rules.CaseFixtures.ESTABLISHED_NATIONALITY;
import static io.removaltracker.caseservice.rules.CaseFixtures.NOW;
import static io.removaltracker.caseservice.rules.CaseFixtures.TEAM;
import static io.removaltracker.caseservice.rules.CaseFixtures.aCase;
import static io.removaltracker.caseservice.rules.CaseFixtures.aCaseInCommunity;
import static io.removaltracker.caseservice.rules.CaseFixtures.anIntake;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event type against every case state (custody x stayed x open x the nationality
 * and team the fixtures' events would set, and no case at all), accepted or refused as
 * the contract's tables (docs/contract.md, Intake and Enforcement work) say, with the
 * state after each accepted one.
 */
class CaseStateMachineTest {

	/**
	 * The column "accepted when" of docs/contract.md (Intake and Enforcement work), for
	 * an open existing case and the fixtures' payloads.
	 */
	private static final Map<CaseEventType, Predicate<CaseState>> ACCEPTED_WHEN_OPEN = new EnumMap<>(
			Map.ofEntries(Map.entry(CaseEventType.HEARING_SCHEDULED, (s) -> true),
					Map.entry(CaseEventType.HEARING_ATTENDED, (s) -> true),
					Map.entry(CaseEventType.HEARING_MISSED, (s) -> true),
					Map.entry(CaseEventType.ARRESTED, (s) -> s.getCustody() == Custody.IN_COMMUNITY),
					Map.entry(CaseEventType.IMPRISONED, (s) -> s.getCustody() != Custody.IN_PRISON),
					Map.entry(CaseEventType.RELEASED_FROM_PRISON, (s) -> s.getCustody() == Custody.IN_PRISON),
					Map.entry(CaseEventType.RELEASED_ON_CONDITIONS, (s) -> s.getCustody() == Custody.DETAINED),
					Map.entry(CaseEventType.REMOVAL_STAYED, (s) -> !s.getStayed()),
					Map.entry(CaseEventType.STAY_LIFTED, CaseState::getStayed),
					Map.entry(CaseEventType.REMOVED, (s) -> s.getCustody() != Custody.IN_PRISON && !s.getStayed()),
					Map.entry(CaseEventType.CASE_CLOSED, (s) -> true),
					Map.entry(CaseEventType.NATIONALITY_ESTABLISHED,
							(s) -> !s.getNationality().equals(ESTABLISHED_NATIONALITY)),
					Map.entry(CaseEventType.ASSIGNED_TO_TEAM, (s) -> !TEAM.equals(s.getTeam())),
					Map.entry(CaseEventType.REVIEW_COMPLETED, (s) -> true)));

	/**
	 * The nationality and team of a case: unknown and none, those the fixtures' events
	 * would set, and others.
	 */
	private static final List<String[]> NATIONALITY_AND_TEAM = List.of(new String[] { "UNKNOWN", null },
			new String[] { ESTABLISHED_NATIONALITY, TEAM }, new String[] { "STATELESS", "AT-HFX-2" });

	/**
	 * The column "custody afterwards" of docs/contract.md (Intake), for the fixtures'
	 * payloads.
	 */
	private static final Map<CaseEventType, Custody> CUSTODY_AFTER = Map.of(CaseEventType.ARRESTED, Custody.DETAINED,
			CaseEventType.IMPRISONED, Custody.IN_PRISON, CaseEventType.RELEASED_FROM_PRISON, Custody.IN_COMMUNITY,
			CaseEventType.RELEASED_ON_CONDITIONS, Custody.IN_COMMUNITY);

	static Stream<Arguments> everyTypeInEveryState() {
		List<Arguments> cases = new ArrayList<>();
		for (CaseEventType type : CaseEventType.values()) {
			cases.add(Arguments.of(type, null));
			for (Custody custody : Custody.values()) {
				for (boolean stayed : new boolean[] { false, true }) {
					for (boolean open : new boolean[] { true, false }) {
						for (String[] who : NATIONALITY_AND_TEAM) {
							cases.add(Arguments.of(type, aCase(custody, stayed, open, who[0], who[1])));
						}
					}
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} on {1}")
	@MethodSource("everyTypeInEveryState")
	void eachTypeIsAcceptedOrRefusedAsTheContractSays(CaseEventType type, CaseEvent last) {
		Decision decision = CaseStateMachine.decide(last, anIntake(type), (id) -> Optional.empty(), NOW);

		RefusalReason expected = expectedRefusal(type, last);
		if (expected == null) {
			assertThat(decision).isInstanceOfSatisfying(Accepted.class,
					(accepted) -> assertStateAfter(type, last, accepted.event()));
		}
		else {
			assertThat(decision).isInstanceOfSatisfying(Refused.class, (refused) -> {
				assertThat(refused.reason()).isEqualTo(expected);
				assertThat(refused.detail()).contains("C-PR-0001");
			});
		}
	}

	private static RefusalReason expectedRefusal(CaseEventType type, CaseEvent last) {
		if (last == null) {
			return (type == CaseEventType.CASE_OPENED) ? null : RefusalReason.CASE_NOT_FOUND;
		}
		if (type == CaseEventType.CASE_OPENED) {
			return RefusalReason.CASE_EXISTS;
		}
		if (!last.getCase$().getOpen()) {
			return RefusalReason.CASE_CLOSED;
		}
		return ACCEPTED_WHEN_OPEN.get(type).test(last.getCase$()) ? null : RefusalReason.TRANSITION_NOT_ALLOWED;
	}

	private static void assertStateAfter(CaseEventType type, CaseEvent last, CaseEvent event) {
		CaseState after = event.getCase$();
		assertThat(event.getType()).isEqualTo(type);
		assertThat(event.getSequence()).isEqualTo((last == null) ? 1 : last.getSequence() + 1);
		assertThat(event.getRecordedAt()).isEqualTo(NOW);
		if (last == null) {
			assertThat(after.getOpen()).isTrue();
			assertThat(after.getStayed()).isFalse();
			assertThat(after.getCustody()).isEqualTo(Custody.IN_COMMUNITY);
			assertThat(after.getTeam()).isNull();
			return;
		}
		CaseState before = last.getCase$();
		if (type == CaseEventType.REVIEW_COMPLETED) {
			assertThat(after).isEqualTo(before);
		}
		assertThat(after.getNationality()).isEqualTo(
				(type == CaseEventType.NATIONALITY_ESTABLISHED) ? ESTABLISHED_NATIONALITY : before.getNationality());
		assertThat(after.getTeam()).isEqualTo((type == CaseEventType.ASSIGNED_TO_TEAM) ? TEAM : before.getTeam());
		assertThat(after.getCustody()).isEqualTo(CUSTODY_AFTER.getOrDefault(type, before.getCustody()));
		assertThat(after.getOpen()).isEqualTo(type != CaseEventType.REMOVED && type != CaseEventType.CASE_CLOSED);
		boolean stayedAfter = switch (type) {
			case REMOVAL_STAYED -> true;
			case STAY_LIFTED -> false;
			default -> before.getStayed();
		};
		assertThat(after.getStayed()).isEqualTo(stayedAfter);
		if (after.getCustody() != Custody.IN_COMMUNITY) {
			assertThat(after.getConditions()).isEmpty();
		}
		assertThat(after.getOpenedAt()).isEqualTo(before.getOpenedAt());
		assertThat(after.getPersonId()).isEqualTo(before.getPersonId());
	}

	@Test
	void arrestClearsConditionsAndReleaseOnConditionsSetsThem() {
		CaseEvent arrested = accept(aCaseInCommunity(), anIntake(CaseEventType.ARRESTED));
		assertThat(arrested.getCase$().getConditions()).isEmpty();

		CaseEvent released = accept(arrested, anIntake(CaseEventType.RELEASED_ON_CONDITIONS));
		assertThat(released.getCase$().getCustody()).isEqualTo(Custody.IN_COMMUNITY);
		assertThat(released.getCase$().getConditions()).containsExactly(Condition.ELECTRONIC_MONITORING);
	}

	@Test
	void releaseFromPrisonIntoDetentionHasNoConditions() {
		IntakeEvent release = anIntake(CaseEventType.RELEASED_FROM_PRISON);
		release.setPayload(new ReleasedFromPrison(ReleasedTo.DETAINED, List.of()));

		CaseEvent event = accept(aCase(Custody.IN_PRISON, false, true), release);

		assertThat(event.getCase$().getCustody()).isEqualTo(Custody.DETAINED);
		assertThat(event.getCase$().getConditions()).isEmpty();
	}

	@Test
	void stayDoesNotChangeWithCustody() {
		CaseEvent imprisoned = accept(aCase(Custody.DETAINED, true, true), anIntake(CaseEventType.IMPRISONED));

		assertThat(imprisoned.getCase$().getStayed()).isTrue();
	}

	@Test
	void missedHearingScheduledThroughTheApiTakesItsTypeAndTime() {
		IntakeEvent missed = anIntake(CaseEventType.HEARING_MISSED);
		missed.setPayload(new HearingMissed("H-7", null, null));
		io.removaltracker.events.cases.HearingScheduled scheduled = new io.removaltracker.events.cases.HearingScheduled(
				"H-7", HearingType.ADMISSIBILITY, NOW.minusSeconds(7200));

		Decision decision = CaseStateMachine.decide(aCaseInCommunity(), missed,
				(id) -> id.equals("H-7") ? Optional.of(scheduled) : Optional.empty(), NOW);

		assertThat(decision).isInstanceOfSatisfying(Accepted.class,
				(accepted) -> assertThat(accepted.event().getPayload())
					.isEqualTo(new io.removaltracker.events.cases.HearingMissed("H-7", HearingType.ADMISSIBILITY,
							NOW.minusSeconds(7200))));
	}

	@Test
	void missedHearingNotScheduledHereNeedsItsTypeAndTime() {
		IntakeEvent missed = anIntake(CaseEventType.HEARING_MISSED);
		missed.setPayload(new HearingMissed("H-99", HearingType.REMOVAL, null));

		Decision decision = CaseStateMachine.decide(aCaseInCommunity(), missed, (id) -> Optional.empty(), NOW);

		assertThat(decision).isInstanceOfSatisfying(Refused.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(RefusalReason.INVALID);
			assertThat(refused.fieldErrors()).containsOnlyKeys("scheduledFor");
			assertThat(refused.detail()).contains("H-99").contains("not scheduled through this API");
		});
	}

	@Test
	void refusalsSayWhichRule() {
		Decision removal = CaseStateMachine.decide(aCase(Custody.IN_PRISON, false, true),
				anIntake(CaseEventType.REMOVED), (id) -> Optional.empty(), NOW);

		assertThat(removal).isInstanceOfSatisfying(Refused.class, (refused) -> {
			assertThat(refused.reason().status()).isEqualTo(409);
			assertThat(refused.detail()).contains("REMOVED is accepted only when custody is not IN_PRISON");
		});
	}

	@Test
	void anEstablishedNationalityReplacesTheCasesNationality() {
		IntakeEvent established = anIntake(CaseEventType.NATIONALITY_ESTABLISHED);
		established.setPayload(new NationalityEstablished("STATELESS"));

		CaseEvent event = accept(aCase(Custody.IN_COMMUNITY, false, true, "SOM", null), established);

		assertThat(event.getCase$().getNationality()).isEqualTo("STATELESS");
		assertThat(event.getPayload())
			.isEqualTo(new io.removaltracker.events.cases.NationalityEstablished("STATELESS"));
	}

	@Test
	void theSameNationalityAgainIsRefusedSayingSo() {
		Decision decision = CaseStateMachine.decide(aCase(Custody.DETAINED, false, true, ESTABLISHED_NATIONALITY, null),
				anIntake(CaseEventType.NATIONALITY_ESTABLISHED), (id) -> Optional.empty(), NOW);

		assertThat(decision).isInstanceOfSatisfying(Refused.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(RefusalReason.TRANSITION_NOT_ALLOWED);
			assertThat(refused.detail())
				.contains("NATIONALITY_ESTABLISHED is accepted only when it changes the case's nationality")
				.contains("already " + ESTABLISHED_NATIONALITY);
		});
	}

	@Test
	void aCaseMovesToAnotherTeamButNotToItsOwn() {
		CaseEvent assigned = accept(aCaseInCommunity(), anIntake(CaseEventType.ASSIGNED_TO_TEAM));
		IntakeEvent moved = anIntake(CaseEventType.ASSIGNED_TO_TEAM);
		moved.setPayload(new AssignedToTeam("PR-REGINA-3"));

		assertThat(accept(assigned, moved).getCase$().getTeam()).isEqualTo("PR-REGINA-3");
		assertThat(CaseStateMachine.decide(assigned, anIntake(CaseEventType.ASSIGNED_TO_TEAM), (id) -> Optional.empty(),
				NOW))
			.isInstanceOfSatisfying(Refused.class, (refused) -> {
				assertThat(refused.reason()).isEqualTo(RefusalReason.TRANSITION_NOT_ALLOWED);
				assertThat(refused.detail()).contains("already assigned to " + TEAM);
			});
	}

	@Test
	void theTeamStaysWithTheCaseThroughLaterEvents() {
		CaseEvent assigned = accept(aCaseInCommunity(), anIntake(CaseEventType.ASSIGNED_TO_TEAM));

		CaseEvent arrested = accept(assigned, anIntake(CaseEventType.ARRESTED));
		CaseEvent closed = accept(arrested, anIntake(CaseEventType.CASE_CLOSED));

		assertThat(arrested.getCase$().getTeam()).isEqualTo(TEAM);
		assertThat(closed.getCase$().getTeam()).isEqualTo(TEAM);
	}

	private static CaseEvent accept(CaseEvent last, IntakeEvent intake) {
		Decision decision = CaseStateMachine.decide(last, intake, (id) -> Optional.empty(), NOW);
		assertThat(decision).isInstanceOf(Accepted.class);
		return ((Accepted) decision).event();
	}

}
