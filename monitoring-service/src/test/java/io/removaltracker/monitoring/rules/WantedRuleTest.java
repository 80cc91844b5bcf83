package io.removaltracker.monitoring.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.removaltracker.monitoring.rules.CaseEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every event type, with the case in every custody, wanted or not: the flag change, if
 * any.
 */
class WantedRuleTest {

	static Stream<Arguments> everyTypeInEveryCustodyWantedOrNot() {
		List<Arguments> cases = new ArrayList<>();
		for (CaseEventType type : CaseEventType.values()) {
			for (Custody custody : Custody.values()) {
				for (boolean wanted : new boolean[] { false, true }) {
					cases.add(Arguments.of(type, custody, wanted));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} with custody {1}, wanted {2}")
	@MethodSource("everyTypeInEveryCustodyWantedOrNot")
	void flagChangesAsContractSectionFourSays(CaseEventType type, Custody custody, boolean wanted) {
		CaseEvent event = anEvent("C-1", type, 5, custody);
		WantedFlagEvent current = wanted ? aRaisedFlag() : null;

		Optional<WantedFlagEvent> change = WantedRule.apply(event, current, null).change();

		String expected = expected(type, custody, wanted);
		if (expected == null) {
			assertThat(change).isEmpty();
			return;
		}
		assertThat(change).hasValueSatisfying((flag) -> {
			assertThat(flag.getCaseId()).isEqualTo("C-1");
			assertThat(flag.getCaseSequence()).isEqualTo(5);
			if (expected.equals("RAISED")) {
				assertThat(flag.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_RAISED);
				assertThat(flag.getWantedSince()).isEqualTo(event.getOccurredAt());
				assertThat(flag.getReason()).isEqualTo(HearingType.REMOVAL);
				assertThat(flag.getCriminality()).isEqualTo(Criminality.SERIOUS);
				assertThat(flag.getNationality()).isEqualTo("SOM");
				assertThat(flag.getRegion()).isEqualTo(Region.SOUTHERN_ONTARIO);
				assertThat(flag.getClearedAt()).isNull();
			}
			else if (expected.equals("UPDATED")) {
				assertThat(flag.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_UPDATED);
				assertThat(flag.getWantedSince()).isEqualTo(current.getWantedSince());
				assertThat(flag.getReason()).isEqualTo(current.getReason());
				assertThat(flag.getCriminality()).isEqualTo(current.getCriminality());
				assertThat(flag.getRegion()).isEqualTo(current.getRegion());
				assertThat(flag.getNationality()).isEqualTo(event.getCase$().getNationality());
				assertThat(flag.getTeam()).isEqualTo(event.getCase$().getTeam());
				assertThat(flag.getReviewDue()).isEqualTo((type == CaseEventType.REVIEW_COMPLETED)
						? ReviewSchedule.reviewDue(event.getOccurredAt(), Criminality.SERIOUS)
						: current.getReviewDue());
				assertThat(flag.getClearedAt()).isNull();
				assertThat(flag.getClearReason()).isNull();
			}
			else {
				assertThat(flag.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_CLEARED);
				assertThat(flag.getClearReason()).hasToString(expected);
				assertThat(flag.getClearedAt()).isEqualTo(event.getOccurredAt());
				assertThat(flag.getWantedSince()).isEqualTo(current.getWantedSince());
				assertThat(flag.getReason()).isEqualTo(current.getReason());
			}
		});
	}

	/**
	 * The wanted rule (docs/contract.md, Wanted flags and Enforcement work) as a table:
	 * RAISED, LOCATED, CASE_CLOSED, UPDATED, or null for no change. The enforcement
	 * events change the case's nationality, its team, and (a review hours after the flag)
	 * its review date.
	 */
	private static String expected(CaseEventType type, Custody custody, boolean wanted) {
		return switch (type) {
			case HEARING_MISSED -> (!wanted && custody == Custody.IN_COMMUNITY) ? "RAISED" : null;
			case ARRESTED, IMPRISONED -> wanted ? "LOCATED" : null;
			case REMOVED, CASE_CLOSED -> wanted ? "CASE_CLOSED" : null;
			case NATIONALITY_ESTABLISHED, ASSIGNED_TO_TEAM, REVIEW_COMPLETED -> wanted ? "UPDATED" : null;
			default -> null;
		};
	}

	@Test
	void aSecondMissWhileWantedKeepsTheFirstWantedSince() {
		WantedFlagEvent first = WantedRule
			.apply(anEvent("C-1", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY), null, null)
			.change()
			.orElseThrow();

		assertThat(WantedRule.apply(anEvent("C-1", CaseEventType.HEARING_MISSED, 3, Custody.IN_COMMUNITY), first, null)
			.change()).isEmpty();
	}

	@Test
	void clearingKeepsWhatTheRaisedFlagSaid() {
		WantedFlagEvent raised = aRaisedFlag();

		WantedFlagEvent cleared = WantedRule
			.apply(anEvent("C-1", CaseEventType.CASE_CLOSED, 9, Custody.IN_COMMUNITY), raised, null)
			.change()
			.orElseThrow();

		assertThat(cleared.getClearReason()).isEqualTo(ClearReason.CASE_CLOSED);
		assertThat(cleared.getCriminality()).isEqualTo(raised.getCriminality());
		assertThat(cleared.getRegion()).isEqualTo(raised.getRegion());
	}

	@Test
	void theRaisedFlagCarriesTheCasesTeamAndFirstReviewDate() {
		CaseHistory history = CaseHistory.openedInCommunity("C-2", Criminality.NONE, at("2021-01-04T09:00:00Z"))
			.nationalityEstablished("HTI", at("2021-01-05T09:00:00Z"))
			.assignedTo("GTA-EAST-2", at("2021-01-06T09:00:00Z"))
			.missedHearing(at("2021-02-01T09:00:00Z"));

		assertThat(changes(history)).singleElement().satisfies((raised) -> {
			assertThat(raised.getType()).isEqualTo(WantedFlagEventType.WANTED_FLAG_RAISED);
			assertThat(raised.getNationality()).isEqualTo("HTI");
			assertThat(raised.getTeam()).isEqualTo("GTA-EAST-2");
			assertThat(raised.getReviewDue()).isEqualTo("2024-02-01T09:00:00Z");
		});
	}

	@Test
	void eachChangeOfNationalityTeamOrReviewDateWhileWantedUpdatesTheFlagOnce() {
		CaseHistory history = CaseHistory.openedInCommunity("C-3", Criminality.CRIMINAL, at("2022-01-04T09:00:00Z"))
			.missedHearing(at("2022-03-01T10:00:00Z"))
			.nationalityEstablished("STATELESS", at("2022-04-01T10:00:00Z"))
			.attendedHearing(at("2022-04-02T10:00:00Z"))
			.assignedTo("PAC-VAN-1", at("2022-05-01T10:00:00Z"))
			.assignedTo("PAC-VAN-2", at("2022-05-02T10:00:00Z"))
			.reviewed(at("2023-01-15T10:00:00Z"))
			.reviewed(at("2022-12-01T10:00:00Z"))
			.arrested(at("2023-06-01T10:00:00Z"));

		List<WantedFlagEvent> changes = changes(history);

		assertThat(changes).extracting(WantedFlagEvent::getType)
			.containsExactly(WantedFlagEventType.WANTED_FLAG_RAISED, WantedFlagEventType.WANTED_FLAG_UPDATED,
					WantedFlagEventType.WANTED_FLAG_UPDATED, WantedFlagEventType.WANTED_FLAG_UPDATED,
					WantedFlagEventType.WANTED_FLAG_UPDATED, WantedFlagEventType.WANTED_FLAG_CLEARED);
		assertThat(changes).extracting(WantedFlagEvent::getCaseSequence).containsExactly(2L, 3L, 5L, 6L, 7L, 9L);
		assertThat(changes).extracting(WantedFlagEvent::getNationality)
			.containsExactly("UNKNOWN", "STATELESS", "STATELESS", "STATELESS", "STATELESS", "STATELESS");
		assertThat(changes).extracting(WantedFlagEvent::getTeam)
			.containsExactly(null, null, "PAC-VAN-1", "PAC-VAN-2", "PAC-VAN-2", "PAC-VAN-2");
		// The review backdated before the latest one moves nothing.
		assertThat(changes).extracting(WantedFlagEvent::getReviewDue)
			.containsExactly(at("2023-03-01T10:00:00Z"), at("2023-03-01T10:00:00Z"), at("2023-03-01T10:00:00Z"),
					at("2023-03-01T10:00:00Z"), at("2024-01-15T10:00:00Z"), at("2024-01-15T10:00:00Z"));
		assertThat(changes).allSatisfy((change) -> {
			assertThat(change.getWantedSince()).isEqualTo("2022-03-01T10:00:00Z");
			assertThat(change.getReason()).isEqualTo(HearingType.REPORTING);
			assertThat(change.getCriminality()).isEqualTo(Criminality.CRIMINAL);
			assertThat(change.getRegion()).isEqualTo(Region.GREATER_TORONTO);
		});
	}

	@Test
	void aReviewWhileNotWantedChangesNothingAndDoesNotCarryIntoTheNextSpell() {
		CaseHistory history = CaseHistory.openedInCommunity("C-4", Criminality.SERIOUS, at("2022-01-04T09:00:00Z"))
			.reviewed(at("2022-02-01T09:00:00Z"))
			.missedHearing(at("2022-01-20T09:00:00Z"))
			.reviewed(at("2022-06-01T09:00:00Z"))
			.arrested(at("2022-07-01T09:00:00Z"))
			.reviewed(at("2022-08-01T09:00:00Z"))
			.releasedOnConditions(at("2022-09-01T09:00:00Z"))
			// Reported late: this spell began before the first spell's review.
			.missedHearing(at("2022-05-01T09:00:00Z"))
			.attendedHearing(at("2022-09-02T09:00:00Z"))
			.reviewed(at("2022-05-15T09:00:00Z"));

		List<WantedFlagEvent> changes = changes(history);

		assertThat(changes).extracting(WantedFlagEvent::getType, WantedFlagEvent::getReviewDue)
			.containsExactly(tuple(WantedFlagEventType.WANTED_FLAG_RAISED, at("2023-01-20T09:00:00Z")),
					tuple(WantedFlagEventType.WANTED_FLAG_UPDATED, at("2023-06-01T09:00:00Z")),
					tuple(WantedFlagEventType.WANTED_FLAG_CLEARED, at("2023-06-01T09:00:00Z")),
					tuple(WantedFlagEventType.WANTED_FLAG_RAISED, at("2023-05-01T09:00:00Z")),
					tuple(WantedFlagEventType.WANTED_FLAG_UPDATED, at("2023-05-15T09:00:00Z")));
	}

	@Test
	void aReviewOnTwentyNinthFebruaryIsDueOnTwentyEighthFebruary() {
		CaseHistory history = CaseHistory.openedInCommunity("C-5", Criminality.NONE, at("2023-01-04T09:00:00Z"))
			.missedHearing(at("2023-03-01T09:00:00Z"))
			.reviewed(at("2024-02-29T09:00:00Z"));

		assertThat(changes(history)).extracting(WantedFlagEvent::getReviewDue)
			.containsExactly(at("2026-03-01T09:00:00Z"), at("2027-02-28T09:00:00Z"));
	}

	@Test
	void aFlagWrittenBeforeTeamsAndReviewsIsNotUpdatedByAnEventThatChangesNothing() {
		WantedFlagEvent older = WantedFlagEvent.newBuilder(aRaisedFlag()).setReviewDue(null).build();

		assertThat(
				WantedRule.apply(anEvent("C-1", CaseEventType.HEARING_ATTENDED, 3, Custody.IN_COMMUNITY), older, null)
					.change())
			.isEmpty();
	}

	/**
	 * The history through the rule as the processor applies it, keeping what it keeps.
	 */
	static List<WantedFlagEvent> changes(CaseHistory history) {
		List<WantedFlagEvent> changes = new ArrayList<>();
		WantedFlagEvent current = null;
		Instant latestReview = null;
		for (CaseEvent event : history.events()) {
			WantedRule.Outcome outcome = WantedRule.apply(event, current, latestReview);
			latestReview = outcome.latestReview();
			if (outcome.change().isPresent()) {
				WantedFlagEvent change = outcome.change().get();
				changes.add(change);
				current = (change.getType() == WantedFlagEventType.WANTED_FLAG_CLEARED) ? null : change;
			}
		}
		return changes;
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

	private static WantedFlagEvent aRaisedFlag() {
		return WantedRule.apply(anEvent("C-1", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY), null, null)
			.change()
			.orElseThrow();
	}

}
