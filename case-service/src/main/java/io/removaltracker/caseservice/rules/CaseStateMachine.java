package io.removaltracker.caseservice.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.removaltracker.caseservice.rules.Decision.Accepted;
import io.removaltracker.caseservice.rules.Decision.Refused;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.intake.Arrested;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.CaseClosed;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.HearingAttended;
import io.removaltracker.events.intake.HearingMissed;
import io.removaltracker.events.intake.HearingScheduled;
import io.removaltracker.events.intake.Imprisoned;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.ReleasedFromPrison;
import io.removaltracker.events.intake.ReleasedOnConditions;
import io.removaltracker.events.intake.RemovalStayed;
import io.removaltracker.events.intake.Removed;
import io.removaltracker.events.intake.ReviewCompleted;
import io.removaltracker.events.intake.StayLifted;

/**
 * The case state machine (docs/contract.md, Intake and Enforcement work), written once:
 * given the case as its last canonical event left it, decides whether an intake event is
 * accepted and, if so, the canonical event with the next sequence and the state after it.
 */
public final class CaseStateMachine {

	/** Finds a hearing scheduled earlier in the case, by id. */
	@FunctionalInterface
	public interface ScheduledHearings {

		Optional<io.removaltracker.events.cases.HearingScheduled> find(String hearingId);

	}

	private CaseStateMachine() {
	}

	/**
	 * @param last the case's last canonical event, or null when the case does not exist
	 * @param intake a well-formed intake event (see {@link IntakeValidation})
	 * @param hearings the case's scheduled hearings, to complete a HEARING_MISSED
	 * @param recordedAt when the event is recorded
	 */
	public static Decision decide(CaseEvent last, IntakeEvent intake, ScheduledHearings hearings, Instant recordedAt) {
		Object payload = intake.getPayload();
		if (last == null) {
			if (payload instanceof CaseOpened opened) {
				return accepted(intake, 1, opened(opened, intake.getOccurredAt()), canonical(opened), recordedAt);
			}
			return new Refused(RefusalReason.CASE_NOT_FOUND, "Case " + intake.getCaseId()
					+ " does not exist; open it with CASE_OPENED before reporting " + intake.getType());
		}
		CaseState state = last.getCase$();
		long next = last.getSequence() + 1;
		if (payload instanceof CaseOpened) {
			return new Refused(RefusalReason.CASE_EXISTS, "Case " + intake.getCaseId() + " already exists (opened "
					+ state.getOpenedAt() + "); CASE_OPENED is accepted only for a new case");
		}
		if (!state.getOpen()) {
			return new Refused(RefusalReason.CASE_CLOSED,
					"Case " + intake.getCaseId() + " is closed (its last event was " + last.getType()
							+ "); a closed case accepts no further events");
		}
		Custody custody = state.getCustody();
		if (payload instanceof HearingScheduled scheduled) {
			return accepted(intake, next, state, new io.removaltracker.events.cases.HearingScheduled(
					scheduled.getHearingId(), scheduled.getHearingType(), scheduled.getScheduledFor()), recordedAt);
		}
		if (payload instanceof HearingAttended attended) {
			return accepted(intake, next, state,
					new io.removaltracker.events.cases.HearingAttended(attended.getHearingId()), recordedAt);
		}
		if (payload instanceof HearingMissed missed) {
			return hearingMissed(intake, missed, next, state, hearings, recordedAt);
		}
		if (payload instanceof Arrested arrested) {
			if (custody != Custody.IN_COMMUNITY) {
				return notAllowed(intake, "only while custody is IN_COMMUNITY", "its custody is " + custody);
			}
			return accepted(intake, next, inCustody(state, Custody.DETAINED),
					new io.removaltracker.events.cases.Arrested(arrested.getArrestedBy()), recordedAt);
		}
		if (payload instanceof Imprisoned imprisoned) {
			if (custody == Custody.IN_PRISON) {
				return notAllowed(intake, "only while custody is not IN_PRISON", "it is already IN_PRISON");
			}
			return accepted(intake, next, inCustody(state, Custody.IN_PRISON),
					new io.removaltracker.events.cases.Imprisoned(imprisoned.getExpectedRelease()), recordedAt);
		}
		if (payload instanceof ReleasedFromPrison released) {
			if (custody != Custody.IN_PRISON) {
				return notAllowed(intake, "only while custody is IN_PRISON", "its custody is " + custody);
			}
			CaseState after = (released.getReleasedTo() == io.removaltracker.events.common.ReleasedTo.IN_COMMUNITY)
					? inCommunity(state, released.getConditions()) : inCustody(state, Custody.DETAINED);
			return accepted(intake, next, after, new io.removaltracker.events.cases.ReleasedFromPrison(
					released.getReleasedTo(), List.copyOf(after.getConditions())), recordedAt);
		}
		if (payload instanceof ReleasedOnConditions released) {
			if (custody != Custody.DETAINED) {
				return notAllowed(intake, "only while custody is DETAINED", "its custody is " + custody);
			}
			return accepted(intake, next, inCommunity(state, released.getConditions()),
					new io.removaltracker.events.cases.ReleasedOnConditions(List.copyOf(released.getConditions())),
					recordedAt);
		}
		if (payload instanceof RemovalStayed stayed) {
			if (state.getStayed()) {
				return notAllowed(intake, "only while removal is not stayed", "its removal is already stayed");
			}
			return accepted(intake, next, CaseState.newBuilder(state).setStayed(true).build(),
					new io.removaltracker.events.cases.RemovalStayed(stayed.getStayReason()), recordedAt);
		}
		if (payload instanceof StayLifted) {
			if (!state.getStayed()) {
				return notAllowed(intake, "only while removal is stayed", "its removal is not stayed");
			}
			return accepted(intake, next, CaseState.newBuilder(state).setStayed(false).build(),
					new io.removaltracker.events.cases.StayLifted(), recordedAt);
		}
		if (payload instanceof Removed removed) {
			if (custody == Custody.IN_PRISON) {
				return notAllowed(intake, "only when custody is not IN_PRISON (removal waits for release)",
						"it is IN_PRISON");
			}
			if (state.getStayed()) {
				return notAllowed(intake, "only while removal is not stayed", "its removal is stayed");
			}
			return accepted(intake, next, CaseState.newBuilder(state).setOpen(false).build(),
					new io.removaltracker.events.cases.Removed(removed.getDestinationCountry()), recordedAt);
		}
		if (payload instanceof CaseClosed closed) {
			return accepted(intake, next, CaseState.newBuilder(state).setOpen(false).build(),
					new io.removaltracker.events.cases.CaseClosed(closed.getCloseReason()), recordedAt);
		}
		if (payload instanceof NationalityEstablished established) {
			String nationality = established.getNationality();
			if (nationality.equals(state.getNationality())) {
				return notAllowed(intake, "only when it changes the case's nationality",
						"its nationality is already " + nationality);
			}
			return accepted(intake, next, CaseState.newBuilder(state).setNationality(nationality).build(),
					new io.removaltracker.events.cases.NationalityEstablished(nationality), recordedAt);
		}
		if (payload instanceof AssignedToTeam assigned) {
			String team = assigned.getTeam();
			if (team.equals(state.getTeam())) {
				return notAllowed(intake, "only when it changes the case's team", "it is already assigned to " + team);
			}
			return accepted(intake, next, CaseState.newBuilder(state).setTeam(team).build(),
					new io.removaltracker.events.cases.AssignedToTeam(team), recordedAt);
		}
		if (payload instanceof ReviewCompleted) {
			// The case is unchanged; monitoring dates its reviews from this event.
			return accepted(intake, next, state, new io.removaltracker.events.cases.ReviewCompleted(), recordedAt);
		}
		return new Refused(RefusalReason.INVALID, "Unsupported payload " + payload);
	}

	private static Decision hearingMissed(IntakeEvent intake, HearingMissed missed, long next, CaseState state,
			ScheduledHearings hearings, Instant recordedAt) {
		HearingType type = missed.getHearingType();
		Instant scheduledFor = missed.getScheduledFor();
		if (type == null || scheduledFor == null) {
			Optional<io.removaltracker.events.cases.HearingScheduled> scheduled = hearings.find(missed.getHearingId());
			if (scheduled.isEmpty()) {
				FieldErrors errors = new FieldErrors();
				String why = "is required: hearing " + missed.getHearingId()
						+ " was not scheduled through this API for this case";
				if (type == null) {
					errors.add("hearingType", why);
				}
				if (scheduledFor == null) {
					errors.add("scheduledFor", why);
				}
				return new Refused(RefusalReason.INVALID, errors.summary(), errors.asMap());
			}
			type = (type != null) ? type : scheduled.get().getHearingType();
			scheduledFor = (scheduledFor != null) ? scheduledFor : scheduled.get().getScheduledFor();
		}
		return accepted(intake, next, state,
				new io.removaltracker.events.cases.HearingMissed(missed.getHearingId(), type, scheduledFor),
				recordedAt);
	}

	private static Refused notAllowed(IntakeEvent intake, String when, String now) {
		return new Refused(RefusalReason.TRANSITION_NOT_ALLOWED,
				intake.getType() + " is accepted " + when + "; case " + intake.getCaseId() + " cannot take it: " + now);
	}

	private static Accepted accepted(IntakeEvent intake, long sequence, CaseState after, Object payload,
			Instant recordedAt) {
		return new Accepted(CaseEvent.newBuilder()
			.setEventId(intake.getEventId())
			.setCaseId(intake.getCaseId())
			.setSequence(sequence)
			.setType(intake.getType())
			.setOccurredAt(intake.getOccurredAt())
			.setRecordedAt(recordedAt)
			.setSource(intake.getSource())
			.setPayload(payload)
			.setCase$(after)
			.build());
	}

	private static CaseState opened(CaseOpened opened, Instant occurredAt) {
		return CaseState.newBuilder()
			.setPersonId(opened.getPersonId())
			.setNationality(opened.getNationality())
			.setCriminality(opened.getCriminality())
			.setOrderType(opened.getOrderType())
			.setRegion(opened.getRegion())
			.setCustody(opened.getCustody())
			.setConditions(
					(opened.getCustody() == Custody.IN_COMMUNITY) ? List.copyOf(opened.getConditions()) : List.of())
			.setStayed(false)
			.setOpen(true)
			.setOpenedAt(occurredAt)
			.build();
	}

	private static io.removaltracker.events.cases.CaseOpened canonical(CaseOpened opened) {
		return new io.removaltracker.events.cases.CaseOpened(opened.getPersonId(), opened.getNationality(),
				opened.getCriminality(), opened.getOrderType(), opened.getRegion(), opened.getCustody(),
				List.copyOf(opened.getConditions()));
	}

	/** Custody without conditions: conditions belong only to a case in the community. */
	private static CaseState inCustody(CaseState state, Custody custody) {
		return CaseState.newBuilder(state).setCustody(custody).setConditions(List.of()).build();
	}

	private static CaseState inCommunity(CaseState state, List<Condition> conditions) {
		return CaseState.newBuilder(state)
			.setCustody(Custody.IN_COMMUNITY)
			.setConditions(List.copyOf(conditions))
			.build();
	}

}
