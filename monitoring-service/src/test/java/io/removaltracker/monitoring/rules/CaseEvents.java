package io.removaltracker.monitoring.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.removaltracker.events.cases.Arrested;
import io.removaltracker.events.cases.AssignedToTeam;
import io.removaltracker.events.cases.CaseClosed;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseOpened;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingAttended;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.cases.HearingScheduled;
import io.removaltracker.events.cases.Imprisoned;
import io.removaltracker.events.cases.NationalityEstablished;
import io.removaltracker.events.cases.ReleasedFromPrison;
import io.removaltracker.events.cases.ReleasedOnConditions;
import io.removaltracker.events.cases.RemovalStayed;
import io.removaltracker.events.cases.Removed;
import io.removaltracker.events.cases.ReviewCompleted;
import io.removaltracker.events.cases.StayLifted;
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

/** Canonical case events as case-service writes them, in domain words. */
public final class CaseEvents {

	public static final Instant T0 = Instant.parse("2020-03-10T14:00:00Z");

	/** The team an ASSIGNED_TO_TEAM event assigns. */
	public static final String TEAM = "SO-LDN-1";

	/** The nationality a NATIONALITY_ESTABLISHED event establishes. */
	public static final String ESTABLISHED = "ERI";

	private CaseEvents() {
	}

	/**
	 * The event with the given type, sequence and custody after it, for case
	 * {@code caseId}. Every event leaves the case a SERIOUS Somali case without a team,
	 * but for the two that change them: a nationality established (Eritrean) and an
	 * assignment (to {@value #TEAM}).
	 */
	public static CaseEvent anEvent(String caseId, CaseEventType type, long sequence, Custody custodyAfter) {
		boolean closed = type == CaseEventType.REMOVED || type == CaseEventType.CASE_CLOSED;
		return CaseEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setCaseId(caseId)
			.setSequence(sequence)
			.setType(type)
			.setOccurredAt(T0.plusSeconds(3600 * sequence))
			.setRecordedAt(T0.plusSeconds(3600 * sequence + 1))
			.setPayload(payloadOf(type))
			.setCase$(CaseState.newBuilder()
				.setPersonId("P-1")
				.setNationality((type == CaseEventType.NATIONALITY_ESTABLISHED) ? ESTABLISHED : "SOM")
				.setCriminality(Criminality.SERIOUS)
				.setOrderType(OrderType.DEPORTATION)
				.setRegion(Region.SOUTHERN_ONTARIO)
				.setCustody(custodyAfter)
				.setConditions((custodyAfter == Custody.IN_COMMUNITY) ? List.of(Condition.REPORTING) : List.of())
				.setStayed(false)
				.setOpen(!closed)
				.setOpenedAt(T0)
				.setTeam((type == CaseEventType.ASSIGNED_TO_TEAM) ? TEAM : null)
				.build())
			.build();
	}

	static Object payloadOf(CaseEventType type) {
		return switch (type) {
			case CASE_OPENED -> new CaseOpened("P-1", "SOM", Criminality.SERIOUS, OrderType.DEPORTATION,
					Region.SOUTHERN_ONTARIO, Custody.IN_COMMUNITY, List.of(Condition.REPORTING));
			case HEARING_SCHEDULED -> new HearingScheduled("H-1", HearingType.REMOVAL, T0);
			case HEARING_ATTENDED -> new HearingAttended("H-1");
			case HEARING_MISSED -> new HearingMissed("H-1", HearingType.REMOVAL, T0);
			case ARRESTED -> new Arrested(ArrestedBy.POLICE);
			case IMPRISONED -> new Imprisoned(null);
			case RELEASED_FROM_PRISON -> new ReleasedFromPrison(ReleasedTo.IN_COMMUNITY, List.of());
			case RELEASED_ON_CONDITIONS -> new ReleasedOnConditions(List.of(Condition.REPORTING));
			case REMOVAL_STAYED -> new RemovalStayed(StayReason.APPEAL);
			case STAY_LIFTED -> new StayLifted();
			case REMOVED -> new Removed(null);
			case CASE_CLOSED -> new CaseClosed(CloseReason.DECEASED);
			case NATIONALITY_ESTABLISHED -> new NationalityEstablished(ESTABLISHED);
			case ASSIGNED_TO_TEAM -> new AssignedToTeam(TEAM);
			case REVIEW_COMPLETED -> new ReviewCompleted();
		};
	}

}
