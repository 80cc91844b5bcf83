package io.removaltracker.monitoring.rules;

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

		Optional<WantedFlagEvent> change = WantedRule.apply(event, current);

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
	 * Contract section 4 as a table: RAISED, LOCATED, CASE_CLOSED, or null for no change.
	 */
	private static String expected(CaseEventType type, Custody custody, boolean wanted) {
		return switch (type) {
			case HEARING_MISSED -> (!wanted && custody == Custody.IN_COMMUNITY) ? "RAISED" : null;
			case ARRESTED, IMPRISONED -> wanted ? "LOCATED" : null;
			case REMOVED, CASE_CLOSED -> wanted ? "CASE_CLOSED" : null;
			default -> null;
		};
	}

	@Test
	void aSecondMissWhileWantedKeepsTheFirstWantedSince() {
		WantedFlagEvent first = WantedRule
			.apply(anEvent("C-1", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY), null)
			.orElseThrow();

		assertThat(WantedRule.apply(anEvent("C-1", CaseEventType.HEARING_MISSED, 3, Custody.IN_COMMUNITY), first))
			.isEmpty();
	}

	@Test
	void clearingKeepsWhatTheRaisedFlagSaid() {
		WantedFlagEvent raised = aRaisedFlag();

		WantedFlagEvent cleared = WantedRule
			.apply(anEvent("C-1", CaseEventType.CASE_CLOSED, 9, Custody.IN_COMMUNITY), raised)
			.orElseThrow();

		assertThat(cleared.getClearReason()).isEqualTo(ClearReason.CASE_CLOSED);
		assertThat(cleared.getCriminality()).isEqualTo(raised.getCriminality());
		assertThat(cleared.getRegion()).isEqualTo(raised.getRegion());
	}

	private static WantedFlagEvent aRaisedFlag() {
		return WantedRule.apply(anEvent("C-1", CaseEventType.HEARING_MISSED, 2, Custody.IN_COMMUNITY), null)
			.orElseThrow();
	}

}
