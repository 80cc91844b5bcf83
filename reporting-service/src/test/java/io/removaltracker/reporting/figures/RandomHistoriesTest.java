package io.removaltracker.reporting.figures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.common.ArrestedBy;
import io.removaltracker.events.common.CloseReason;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.common.StayReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import io.removaltracker.simulator.CaseScript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RandomHistories} writes its own copy of the case rules and the wanted rule; here
 * every history it makes is replayed, event by event, through the simulator's
 * {@link CaseScript}, whose rules are held to case-service's state machine and
 * monitoring-service's wanted rule by those services' own tests. A history passes when
 * the script takes every event, agrees on the state after each, and was wanted exactly
 * when the history's flags say.
 */
class RandomHistoriesTest {

	private static final Instant AS_OF = Instant.parse("2025-07-01T12:00:00Z");

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 7, 8, 11, 20251121, 424242 })
	void everyHistoryIsOneTheServicesWouldWrite(long seed) {
		for (RandomHistories.History history : RandomHistories.generate(seed, 3_000, AS_OF)) {
			CaseScript script = new CaseScript(history.caseId());
			for (CaseEvent event : history.events()) {
				replay(script, event);
				CaseState state = event.getCase$();
				assertThat(event.getSequence()).isEqualTo(script.events().size());
				assertThat(List.of(state.getCustody(), state.getStayed(), state.getOpen()))
					.as("%s after %s", history.caseId(), event.getType())
					.containsExactly(script.custody(), script.stayed(), script.isOpen());
				assertThat(state.getCustody() == Custody.IN_COMMUNITY || state.getConditions().isEmpty())
					.as("conditions only in the community")
					.isTrue();
			}
			assertThat(spells(history.flags())).as(history.caseId()).containsExactlyElementsOf(script.wantedPeriods());
			CaseState opened = history.events().get(0).getCase$();
			assertThat(history.flags()).allSatisfy(
					(flag) -> assertThat(List.of(flag.getCriminality(), flag.getNationality(), flag.getRegion()))
						.containsExactly(opened.getCriminality(), opened.getNationality(), opened.getRegion()));
		}
	}

	/**
	 * The script's step for a canonical event; it throws when the contract would not
	 * accept the event now.
	 */
	private static void replay(CaseScript script, CaseEvent event) {
		Instant at = event.getOccurredAt();
		CaseState after = event.getCase$();
		switch (event.getType()) {
			case CASE_OPENED -> script.open(at, after.getNationality(), after.getCriminality(), after.getOrderType(),
					after.getRegion(), after.getCustody(), after.getConditions());
			case HEARING_SCHEDULED -> script.schedule(at, HearingType.REPORTING, at);
			case HEARING_ATTENDED -> script.attend(at, "H-" + event.getSequence());
			case HEARING_MISSED -> {
				HearingMissed missed = (HearingMissed) event.getPayload();
				script.missUnscheduled(at, missed.getHearingType(), missed.getScheduledFor());
			}
			case ARRESTED -> script.arrest(at, ArrestedBy.CBSA);
			case IMPRISONED -> script.imprison(at, null);
			case RELEASED_FROM_PRISON -> script.releaseFromPrison(at,
					(after.getCustody() == Custody.DETAINED) ? ReleasedTo.DETAINED : ReleasedTo.IN_COMMUNITY,
					after.getConditions());
			case RELEASED_ON_CONDITIONS -> script.releaseOnConditions(at, after.getConditions());
			case REMOVAL_STAYED -> script.stay(at, StayReason.OTHER);
			case STAY_LIFTED -> script.liftStay(at);
			case REMOVED -> script.remove(at, null);
			case CASE_CLOSED -> script.close(at, CloseReason.ORDER_VOID);
		}
	}

	/** The history's flags as {@code [wantedSince, clearedAt]} spells, in order. */
	private static List<Instant[]> spells(List<WantedFlagEvent> flags) {
		List<Instant[]> spells = new ArrayList<>();
		for (WantedFlagEvent flag : flags) {
			if (flag.getType() == WantedFlagEventType.WANTED_FLAG_RAISED) {
				spells.add(new Instant[] { flag.getWantedSince(), null });
			}
			else {
				Instant[] open = spells.isEmpty() ? null : spells.get(spells.size() - 1);
				assertThat(open).as("a clear ends the open spell").isNotNull();
				assertThat(open[1]).as("a clear ends the open spell").isNull();
				assertThat(flag.getWantedSince()).isEqualTo(open[0]);
				open[1] = flag.getClearedAt();
			}
		}
		return spells;
	}

}
