package io.removaltracker.caseservice.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.removaltracker.caseservice.rules.Decision.Accepted;
import io.removaltracker.caseservice.rules.Decision.Refused;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingScheduled;
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
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.simulator.CaseScript;
import io.removaltracker.simulator.RandomTraffic;
import io.removaltracker.simulator.ReferenceScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator keeps its own copy of the case rules ({@link CaseScript}) so it can steer
 * without case-service; here that copy is held to the real {@link CaseStateMachine}: the
 * traffic it writes, every intake type of docs/contract.md among it, is accepted event by
 * event, and a script refuses exactly the steps the state machine refuses, agreeing on
 * the state after every step it takes.
 */
class SimulatorHistoriesTest {

	private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 7, 20260101 })
	void randomTrafficIsAcceptedEventByEvent(long seed) {
		RandomTraffic traffic = new RandomTraffic(seed, 5_000, END);
		Set<CaseEventType> types = EnumSet.noneOf(CaseEventType.class);
		while (traffic.hasNext()) {
			List<IntakeEvent> events = traffic.next();
			events.forEach((event) -> types.add(event.getType()));
			replay(events);
		}
		assertThat(types).as("types the traffic carried").containsExactlyInAnyOrder(CaseEventType.values());
	}

	@Test
	void theReferenceScenarioIsAcceptedAndEndsWhereEachScriptSaysItDoes() {
		Set<CaseEventType> types = EnumSet.noneOf(CaseEventType.class);
		for (CaseScript script : ReferenceScenario.cases()) {
			script.events().forEach((event) -> types.add(event.getType()));
			CaseState state = replay(script.events()).getCase$();
			assertThat(state.getCustody()).as(script.caseId()).isEqualTo(script.custody());
			assertThat(state.getStayed()).as(script.caseId()).isEqualTo(script.stayed());
			assertThat(state.getOpen()).as(script.caseId()).isEqualTo(script.isOpen());
			assertThat(state.getNationality()).as(script.caseId()).isEqualTo(script.nationality());
			assertThat(state.getTeam()).as(script.caseId()).isEqualTo(script.team());
		}
		assertThat(types).as("types the scenario carries").containsExactlyInAnyOrder(CaseEventType.values());
	}

	@Test
	void aScriptRefusesExactlyWhatTheStateMachineRefuses() {
		Random random = new Random(42);
		Set<CaseEventType> accepted = EnumSet.noneOf(CaseEventType.class);
		Set<CaseEventType> refused = EnumSet.noneOf(CaseEventType.class);
		for (int i = 0; i < 2_000; i++) {
			new Walk(random, "FUZZ-" + i).run(40, accepted, refused);
		}
		assertThat(accepted).as("types a script took").containsExactlyInAnyOrder(CaseEventType.values());
		assertThat(refused).as("types a script refused").containsExactlyInAnyOrder(CaseEventType.values());
	}

	/** Replays one case's events through the state machine; answers the last one. */
	private static CaseEvent replay(List<IntakeEvent> events) {
		Map<String, HearingScheduled> hearings = new HashMap<>();
		CaseEvent last = null;
		for (IntakeEvent intake : events) {
			last = accept(last, intake, hearings);
		}
		return last;
	}

	private static CaseEvent accept(CaseEvent last, IntakeEvent intake, Map<String, HearingScheduled> hearings) {
		assertThat(IntakeValidation.check(intake, intake.getOccurredAt()).asMap()).as("errors in %s", intake).isEmpty();
		Decision decision = CaseStateMachine.decide(last, intake, (id) -> Optional.ofNullable(hearings.get(id)),
				intake.getOccurredAt());
		assertThat(decision).as("%s after %s", intake, (last != null) ? last.getCase$() : "nothing")
			.isInstanceOf(Accepted.class);
		CaseEvent event = ((Accepted) decision).event();
		if (event.getPayload() instanceof HearingScheduled scheduled) {
			hearings.put(scheduled.getHearingId(), scheduled);
		}
		return event;
	}

	/**
	 * One case driven by random steps, each tried on the script and on the state machine
	 * alike.
	 */
	private static final class Walk {

		private final Random random;

		private final CaseScript script;

		private final Map<String, HearingScheduled> hearings = new HashMap<>();

		private final List<String> scheduled = new ArrayList<>();

		private CaseEvent last;

		/**
		 * The payload of the step being tried, when its value matters to the rules (a
		 * nationality, a team), so a refusal is checked with the same value.
		 */
		private Object tried;

		private Instant at = Instant.parse("2016-01-04T09:00:00Z");

		Walk(Random random, String caseId) {
			this.random = random;
			this.script = new CaseScript(caseId);
		}

		void run(int steps, Set<CaseEventType> accepted, Set<CaseEventType> refused) {
			Custody custody = pick(Custody.values());
			take(CaseEventType.CASE_OPENED, () -> this.script.open(this.at, "HTI", pick(Criminality.values()),
					pick(OrderType.values()), pick(Region.values()), custody, conditions(custody)));
			accepted.add(CaseEventType.CASE_OPENED);
			for (int i = 0; i < steps; i++) {
				this.at = this.at.plus(Duration.ofHours(1 + this.random.nextInt(24 * 90)));
				CaseEventType type = pick(CaseEventType.values());
				if (take(type, () -> step(type))) {
					accepted.add(type);
				}
				else {
					refused.add(type);
				}
			}
		}

		/**
		 * Tries the step on the script; when the script takes it, the state machine must
		 * accept what it wrote and agree on the state after, and when the script refuses
		 * it, the state machine must refuse the same step.
		 */
		private boolean take(CaseEventType type, Runnable step) {
			int before = this.script.events().size();
			this.tried = null;
			try {
				step.run();
			}
			catch (IllegalStateException scriptRefused) {
				IntakeEvent intake = IntakeEvent.newBuilder()
					.setEventId(UUID.randomUUID().toString())
					.setCaseId(this.script.caseId())
					.setType(type)
					.setOccurredAt(this.at)
					.setPayload((this.tried != null) ? this.tried : CaseFixtures.payloadOf(type))
					.build();
				Decision decision = CaseStateMachine.decide(this.last, intake, (id) -> Optional.empty(), this.at);
				assertThat(decision)
					.as("%s refused by the script (%s) in %s", type, scriptRefused.getMessage(), this.last.getCase$())
					.isInstanceOfSatisfying(Refused.class,
							(no) -> assertThat(no.reason()).isIn(RefusalReason.TRANSITION_NOT_ALLOWED,
									RefusalReason.CASE_CLOSED, RefusalReason.CASE_EXISTS));
				return false;
			}
			for (IntakeEvent intake : this.script.events().subList(before, this.script.events().size())) {
				this.last = accept(this.last, intake, this.hearings);
			}
			CaseState state = this.last.getCase$();
			assertThat(List.of(state.getCustody(), state.getStayed(), state.getOpen())).as("state after %s", type)
				.containsExactly(this.script.custody(), this.script.stayed(), this.script.isOpen());
			assertThat(Arrays.asList(state.getNationality(), state.getTeam())).as("nationality and team after %s", type)
				.containsExactly(this.script.nationality(), this.script.team());
			return true;
		}

		private void step(CaseEventType type) {
			CaseScript s = this.script;
			switch (type) {
				case CASE_OPENED -> s.open(this.at, "JAM", Criminality.NONE, OrderType.DEPARTURE, Region.ATLANTIC,
						Custody.DETAINED, List.of());
				case HEARING_SCHEDULED ->
					this.scheduled.add(s.schedule(this.at, pick(HearingType.values()), this.at.plusSeconds(3600)));
				case HEARING_ATTENDED -> s.attend(this.at, this.scheduled.isEmpty() ? "H-elsewhere"
						: this.scheduled.get(this.random.nextInt(this.scheduled.size())));
				case HEARING_MISSED -> {
					if (!this.scheduled.isEmpty() && this.random.nextBoolean()) {
						s.miss(this.at, this.scheduled.get(this.random.nextInt(this.scheduled.size())));
					}
					else {
						s.missUnscheduled(this.at, pick(HearingType.values()), this.at.minusSeconds(3600));
					}
				}
				case ARRESTED -> s.arrest(this.at, pick(ArrestedBy.values()));
				case IMPRISONED -> s.imprison(this.at, this.random.nextBoolean() ? null : LocalDate.of(2030, 1, 31));
				case RELEASED_FROM_PRISON -> {
					ReleasedTo to = pick(ReleasedTo.values());
					s.releaseFromPrison(this.at, to,
							conditions((to == ReleasedTo.DETAINED) ? Custody.DETAINED : Custody.IN_COMMUNITY));
				}
				case RELEASED_ON_CONDITIONS -> s.releaseOnConditions(this.at, conditions(Custody.IN_COMMUNITY));
				case REMOVAL_STAYED -> s.stay(this.at, pick(StayReason.values()));
				case STAY_LIFTED -> s.liftStay(this.at);
				case REMOVED -> s.remove(this.at, s.homeCountry());
				case CASE_CLOSED -> s.close(this.at, pick(CloseReason.values()));
				case NATIONALITY_ESTABLISHED -> {
					String nationality = pick(new String[] { "HTI", "JAM", "STATELESS" });
					this.tried = new NationalityEstablished(nationality);
					s.establishNationality(this.at, nationality);
				}
				case ASSIGNED_TO_TEAM -> {
					String team = pick(new String[] { "AT-HFX-1", "AT-HFX-2" });
					this.tried = new AssignedToTeam(team);
					s.assignTeam(this.at, team);
				}
				case REVIEW_COMPLETED -> s.completeReview(this.at);
			}
		}

		private List<Condition> conditions(Custody custody) {
			if (custody != Custody.IN_COMMUNITY) {
				return List.of();
			}
			return List.of(Condition.values()).subList(0, this.random.nextInt(Condition.values().length + 1));
		}

		private <E> E pick(E[] values) {
			return values[this.random.nextInt(values.length)];
		}

	}

}
