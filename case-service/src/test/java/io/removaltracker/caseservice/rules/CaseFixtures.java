package io.removaltracker.caseservice.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
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

/** Cases and intake events in domain words, valid unless a test says otherwise. */
public final class CaseFixtures {

	public static final Instant OPENED_AT = Instant.parse("2019-01-15T09:00:00Z");

	public static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

	/** The nationality the fixture's NATIONALITY_ESTABLISHED establishes. */
	public static final String ESTABLISHED_NATIONALITY = "HTI";

	/** The team the fixture's ASSIGNED_TO_TEAM assigns. */
	public static final String TEAM = "PR-WPG-1";

	private CaseFixtures() {
	}

	/**
	 * A case whose last event (sequence 3) left it in this state, of unknown nationality
	 * and assigned to no team.
	 */
	public static CaseEvent aCase(Custody custody, boolean stayed, boolean open) {
		return aCase(custody, stayed, open, "UNKNOWN", null);
	}

	/**
	 * A case whose last event (sequence 3) left it in this state, of this nationality and
	 * team (null for none).
	 */
	public static CaseEvent aCase(Custody custody, boolean stayed, boolean open, String nationality, String team) {
		CaseState state = CaseState.newBuilder()
			.setPersonId("P-000042")
			.setNationality(nationality)
			.setCriminality(Criminality.SERIOUS)
			.setOrderType(OrderType.DEPORTATION)
			.setRegion(Region.PRAIRIE)
			.setCustody(custody)
			.setConditions((custody == Custody.IN_COMMUNITY) ? List.of(Condition.REPORTING) : List.of())
			.setStayed(stayed)
			.setOpen(open)
			.setOpenedAt(OPENED_AT)
			.setTeam(team)
			.build();
		return CaseEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setCaseId("C-PR-0001")
			.setSequence(3)
			.setType(CaseEventType.HEARING_ATTENDED)
			.setOccurredAt(OPENED_AT.plusSeconds(3600))
			.setRecordedAt(OPENED_AT.plusSeconds(3601))
			.setPayload(new io.removaltracker.events.cases.HearingAttended("H-1"))
			.setCase$(state)
			.build();
	}

	public static CaseEvent aCaseInCommunity() {
		return aCase(Custody.IN_COMMUNITY, false, true);
	}

	/** A valid intake event of the type for case C-PR-0001. */
	public static IntakeEvent anIntake(CaseEventType type) {
		return IntakeEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setCaseId("C-PR-0001")
			.setType(type)
			.setOccurredAt(NOW.minusSeconds(60))
			.setSource("officer-tool")
			.setPayload(payloadOf(type))
			.build();
	}

	static Object payloadOf(CaseEventType type) {
		return switch (type) {
			case CASE_OPENED -> CaseOpened.newBuilder()
				.setPersonId("P-000042")
				.setNationality("HTI")
				.setCriminality(Criminality.CRIMINAL)
				.setOrderType(OrderType.DEPARTURE)
				.setRegion(Region.QUEBEC)
				.setCustody(Custody.IN_COMMUNITY)
				.setConditions(List.of(Condition.ELECTRONIC_MONITORING))
				.build();
			case HEARING_SCHEDULED ->
				new HearingScheduled("H-7", HearingType.REMOVAL_INTERVIEW, NOW.plusSeconds(86_400));
			case HEARING_ATTENDED -> new HearingAttended("H-7");
			case HEARING_MISSED -> new HearingMissed("H-7", HearingType.REPORTING, NOW.minusSeconds(3600));
			case ARRESTED -> new Arrested(ArrestedBy.CBSA);
			case IMPRISONED -> new Imprisoned(LocalDate.parse("2026-01-31"));
			case RELEASED_FROM_PRISON -> new ReleasedFromPrison(ReleasedTo.IN_COMMUNITY, List.of(Condition.REPORTING));
			case RELEASED_ON_CONDITIONS -> new ReleasedOnConditions(List.of(Condition.ELECTRONIC_MONITORING));
			case REMOVAL_STAYED -> new RemovalStayed(StayReason.JUDICIAL_REVIEW);
			case STAY_LIFTED -> new StayLifted();
			case REMOVED -> new Removed("HTI");
			case CASE_CLOSED -> new CaseClosed(CloseReason.ORDER_VOID);
			case NATIONALITY_ESTABLISHED -> new NationalityEstablished(ESTABLISHED_NATIONALITY);
			case ASSIGNED_TO_TEAM -> new AssignedToTeam(TEAM);
			case REVIEW_COMPLETED -> new ReviewCompleted();
		};
	}

}
