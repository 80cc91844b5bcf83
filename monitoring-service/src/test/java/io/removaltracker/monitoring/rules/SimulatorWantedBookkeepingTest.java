package io.removaltracker.monitoring.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.common.ArrestedBy;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.CloseReason;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.common.StayReason;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import io.removaltracker.simulator.CaseScript;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's {@link CaseScript} keeps its own account of who is wanted, so
 * generators can steer by it and the reference scenario can state its figures; here that
 * account is held to the real {@link WantedRule}, step by step, over random case
 * histories. The script's custody, which the rule reads, is held to case-service's state
 * machine in case-service's own test of the simulator.
 */
class SimulatorWantedBookkeepingTest {

	private static final List<CaseEventType> STEPS = List.of(CaseEventType.values())
		.subList(1, CaseEventType.values().length);

	@Test
	void aScriptIsWantedExactlyWhenTheWantedRuleSaysSo() {
		Random random = new Random(4);
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < 3_000; i++) {
			walk(random, new CaseScript("FUZZ-" + i), seen);
		}
		assertThat(seen).as("what the histories exercised")
			.containsKeys("raised", "cleared", "missed in custody", "missed while wanted");
	}

	private static void walk(Random random, CaseScript script, Map<String, Integer> seen) {
		Instant at = Instant.parse("2016-01-04T09:00:00Z");
		Custody custody = pick(random, Custody.values());
		script.open(at, "SOM", pick(random, Criminality.values()), OrderType.DEPORTATION, Region.PACIFIC, custody,
				(custody == Custody.IN_COMMUNITY) ? List.of(Condition.REPORTING) : List.of());
		Map<String, HearingType> scheduled = new HashMap<>();
		List<Instant[]> flags = new ArrayList<>();
		WantedFlagEvent current = null;
		Instant latestReview = null;
		for (int i = 0; i < 30 && script.isOpen(); i++) {
			at = at.plus(Duration.ofHours(1 + random.nextInt(24 * 90)));
			int before = script.events().size();
			try {
				step(random, script, pick(random, STEPS.toArray(CaseEventType[]::new)), at, scheduled);
			}
			catch (IllegalStateException notAccepted) {
				continue;
			}
			IntakeEvent intake = script.events().get(before);
			CaseEvent event = canonical(intake, before + 1, script, scheduled);
			WantedRule.Outcome outcome = WantedRule.apply(event, current, latestReview);
			latestReview = outcome.latestReview();
			WantedFlagEvent change = outcome.change().orElse(null);
			if (intake.getType() == CaseEventType.HEARING_MISSED && change == null) {
				seen.merge((current != null) ? "missed while wanted" : "missed in custody", 1, Integer::sum);
			}
			if (change != null && change.getType() == WantedFlagEventType.WANTED_FLAG_RAISED) {
				flags.add(new Instant[] { change.getWantedSince(), null });
				current = change;
				seen.merge("raised", 1, Integer::sum);
			}
			else if (change != null && change.getType() == WantedFlagEventType.WANTED_FLAG_UPDATED) {
				// Still wanted since the same instant: the script's account stays.
				current = change;
			}
			else if (change != null) {
				flags.get(flags.size() - 1)[1] = change.getClearedAt();
				current = null;
				seen.merge("cleared", 1, Integer::sum);
			}
			assertThat(script.wanted()).as("%s wanted after %s", script.caseId(), intake).isEqualTo(current != null);
			assertThat(script.wantedSince()).isEqualTo((current != null) ? current.getWantedSince() : null);
		}
		assertThat(script.wantedPeriods()).as(script.caseId()).containsExactlyElementsOf(flags);
	}

	private static void step(Random random, CaseScript script, CaseEventType type, Instant at,
			Map<String, HearingType> scheduled) {
		switch (type) {
			case HEARING_SCHEDULED -> {
				HearingType hearingType = pick(random, HearingType.values());
				scheduled.put(script.schedule(at, hearingType, at.plusSeconds(3600)), hearingType);
			}
			case HEARING_ATTENDED -> script.attend(at, "H-elsewhere");
			case HEARING_MISSED -> {
				if (!scheduled.isEmpty() && random.nextBoolean()) {
					List<String> ids = new ArrayList<>(scheduled.keySet());
					script.miss(at, ids.get(random.nextInt(ids.size())));
				}
				else {
					script.missUnscheduled(at, pick(random, HearingType.values()), at.minusSeconds(3600));
				}
			}
			case ARRESTED -> script.arrest(at, pick(random, ArrestedBy.values()));
			case IMPRISONED -> script.imprison(at, null);
			case RELEASED_FROM_PRISON -> script.releaseFromPrison(at, pick(random, ReleasedTo.values()), List.of());
			case RELEASED_ON_CONDITIONS -> script.releaseOnConditions(at, List.of(Condition.ELECTRONIC_MONITORING));
			case REMOVAL_STAYED -> script.stay(at, StayReason.APPEAL);
			case STAY_LIFTED -> script.liftStay(at);
			case REMOVED -> script.remove(at, null);
			case CASE_CLOSED -> script.close(at, pick(random, CloseReason.values()));
			case NATIONALITY_ESTABLISHED ->
				script.establishNationality(at, pick(random, new String[] { "HTI", "STATELESS" }));
			case ASSIGNED_TO_TEAM -> script.assignTeam(at, pick(random, new String[] { "PAC-VAN-1", "PAC-VAN-2" }));
			case REVIEW_COMPLETED -> script.completeReview(at);
			case CASE_OPENED -> throw new IllegalArgumentException("the walk opens the case itself");
		}
	}

	/**
	 * The canonical event case-service would write for the script's step: what the wanted
	 * rule reads is the type, the time, the hearing missed and the state after.
	 */
	private static CaseEvent canonical(IntakeEvent intake, long sequence, CaseScript script,
			Map<String, HearingType> scheduled) {
		Object payload = CaseEvents.payloadOf(intake.getType());
		if (intake.getPayload() instanceof io.removaltracker.events.intake.HearingMissed missed) {
			HearingType type = (missed.getHearingType() != null) ? missed.getHearingType()
					: scheduled.get(missed.getHearingId());
			payload = new HearingMissed(missed.getHearingId(), type, intake.getOccurredAt());
		}
		return CaseEvent.newBuilder()
			.setEventId(intake.getEventId())
			.setCaseId(intake.getCaseId())
			.setSequence(sequence)
			.setType(intake.getType())
			.setOccurredAt(intake.getOccurredAt())
			.setRecordedAt(intake.getOccurredAt())
			.setPayload(payload)
			.setCase$(CaseState.newBuilder()
				.setPersonId("P-1")
				.setNationality(script.nationality())
				.setCriminality(script.criminality())
				.setOrderType(OrderType.DEPORTATION)
				.setRegion(script.region())
				.setCustody(script.custody())
				.setConditions(List.of())
				.setStayed(script.stayed())
				.setOpen(script.isOpen())
				.setOpenedAt(script.events().get(0).getOccurredAt())
				.setTeam(script.team())
				.build())
			.build();
	}

	private static <E> E pick(Random random, E[] values) {
		return values[random.nextInt(values.length)];
	}

}
