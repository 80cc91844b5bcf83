package io.removaltracker.reporting.figures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * when the history's flags say; every flag carries the case's nationality and team as the
 * event that caused it left them, and an update changes one of them or the review date.
 * Whether the review dates themselves are right is not something the script follows; the
 * hand count of {@link NationalFiguresPropertyTest} works them out from the review
 * events.
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
				assertThat(Arrays.asList(state.getCustody(), state.getStayed(), state.getOpen(), state.getNationality(),
						state.getTeam()))
					.as("%s after %s", history.caseId(), event.getType())
					.containsExactly(script.custody(), script.stayed(), script.isOpen(), script.nationality(),
							script.team());
				assertThat(state.getCustody() == Custody.IN_COMMUNITY || state.getConditions().isEmpty())
					.as("conditions only in the community")
					.isTrue();
			}
			assertThat(spells(history.flags())).as(history.caseId()).containsExactlyElementsOf(script.wantedPeriods());
			WantedFlagEvent previous = null;
			for (WantedFlagEvent flag : history.flags()) {
				CaseState then = history.events().get((int) flag.getCaseSequence() - 1).getCase$();
				assertThat(Arrays.<Object>asList(flag.getCriminality(), flag.getRegion(), flag.getNationality(),
						flag.getTeam()))
					.as("%s flag at sequence %d", history.caseId(), flag.getCaseSequence())
					.containsExactly(then.getCriminality(), then.getRegion(), then.getNationality(), then.getTeam());
				assertThat(flag.getReviewDue()).isNotNull();
				if (flag.getType() == WantedFlagEventType.WANTED_FLAG_UPDATED) {
					assertThat(Arrays.<Object>asList(flag.getNationality(), flag.getTeam(), flag.getReviewDue()))
						.as("an update changes something")
						.isNotEqualTo(Arrays.<Object>asList(previous.getNationality(), previous.getTeam(),
								previous.getReviewDue()));
				}
				previous = flag;
			}
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
			case NATIONALITY_ESTABLISHED -> script.establishNationality(at, after.getNationality());
			case ASSIGNED_TO_TEAM -> script.assignTeam(at, after.getTeam());
			case REVIEW_COMPLETED -> script.completeReview(at);
		}
	}

	/**
	 * The history's flags as {@code [wantedSince, clearedAt]} spells, in order; an update
	 * belongs to the open spell and changes neither.
	 */
	private static List<Instant[]> spells(List<WantedFlagEvent> flags) {
		List<Instant[]> spells = new ArrayList<>();
		for (WantedFlagEvent flag : flags) {
			if (flag.getType() == WantedFlagEventType.WANTED_FLAG_RAISED) {
				spells.add(new Instant[] { flag.getWantedSince(), null });
			}
			else {
				Instant[] open = spells.isEmpty() ? null : spells.get(spells.size() - 1);
				assertThat(open).as("%s belongs to the open spell", flag.getType()).isNotNull();
				assertThat(open[1]).as("%s belongs to the open spell", flag.getType()).isNull();
				assertThat(flag.getWantedSince()).isEqualTo(open[0]);
				if (flag.getType() == WantedFlagEventType.WANTED_FLAG_CLEARED) {
					open[1] = flag.getClearedAt();
				}
			}
		}
		return spells;
	}

}
