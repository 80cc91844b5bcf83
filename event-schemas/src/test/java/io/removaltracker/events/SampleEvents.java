package io.removaltracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.stats.NationalityEstablishedFigures;
import io.removaltracker.events.stats.OpenAndWanted;
import io.removaltracker.events.stats.RemovedFigures;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.stats.TeamFigures;
import io.removaltracker.events.stats.WantedFigures;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/** One realistic event of every kind, in domain words. */
final class SampleEvents {

	static final Instant OCCURRED = Instant.parse("2021-03-04T15:30:00Z");

	private SampleEvents() {
	}

	/** One intake event of each type. */
	static List<IntakeEvent> everyIntakeType() {
		return List.of(
				intake(CaseEventType.CASE_OPENED,
						io.removaltracker.events.intake.CaseOpened.newBuilder()
							.setPersonId("P-000123")
							.setNationality("UNKNOWN")
							.setCriminality(Criminality.SERIOUS)
							.setOrderType(OrderType.DEPORTATION)
							.setRegion(Region.GREATER_TORONTO)
							.setCustody(Custody.IN_COMMUNITY)
							.setConditions(List.of(Condition.REPORTING, Condition.ELECTRONIC_MONITORING))
							.build()),
				intake(CaseEventType.HEARING_SCHEDULED,
						new io.removaltracker.events.intake.HearingScheduled("H-1", HearingType.ADMISSIBILITY,
								OCCURRED.plusSeconds(86_400))),
				intake(CaseEventType.HEARING_ATTENDED, new io.removaltracker.events.intake.HearingAttended("H-1")),
				intake(CaseEventType.HEARING_MISSED,
						new io.removaltracker.events.intake.HearingMissed("H-2", null, null)),
				intake(CaseEventType.ARRESTED, new io.removaltracker.events.intake.Arrested(ArrestedBy.POLICE)),
				intake(CaseEventType.IMPRISONED,
						new io.removaltracker.events.intake.Imprisoned(LocalDate.parse("2024-06-30"))),
				intake(CaseEventType.RELEASED_FROM_PRISON,
						new io.removaltracker.events.intake.ReleasedFromPrison(ReleasedTo.IN_COMMUNITY,
								List.of(Condition.REPORTING))),
				intake(CaseEventType.RELEASED_ON_CONDITIONS,
						new io.removaltracker.events.intake.ReleasedOnConditions(
								List.of(Condition.ELECTRONIC_MONITORING))),
				intake(CaseEventType.REMOVAL_STAYED,
						new io.removaltracker.events.intake.RemovalStayed(StayReason.PRRA)),
				intake(CaseEventType.STAY_LIFTED, new io.removaltracker.events.intake.StayLifted()),
				intake(CaseEventType.REMOVED, new io.removaltracker.events.intake.Removed("JAM")),
				intake(CaseEventType.CASE_CLOSED, new io.removaltracker.events.intake.CaseClosed(CloseReason.DECEASED)),
				intake(CaseEventType.NATIONALITY_ESTABLISHED,
						new io.removaltracker.events.intake.NationalityEstablished("HTI")),
				intake(CaseEventType.ASSIGNED_TO_TEAM,
						new io.removaltracker.events.intake.AssignedToTeam("GTA-EAST-2")),
				intake(CaseEventType.REVIEW_COMPLETED, new io.removaltracker.events.intake.ReviewCompleted()));
	}

	/** One canonical event of each type, numbered from 1 in one case. */
	static List<CaseEvent> everyCanonicalType() {
		List<Object> payloads = List.of(
				io.removaltracker.events.cases.CaseOpened.newBuilder()
					.setPersonId("P-000123")
					.setNationality("STATELESS")
					.setCriminality(Criminality.CRIMINAL)
					.setOrderType(OrderType.EXCLUSION)
					.setRegion(Region.PACIFIC)
					.setCustody(Custody.DETAINED)
					.build(),
				new io.removaltracker.events.cases.HearingScheduled("H-1", HearingType.DETENTION_REVIEW, OCCURRED),
				new io.removaltracker.events.cases.HearingAttended("H-1"),
				new io.removaltracker.events.cases.HearingMissed("H-2", HearingType.REPORTING, OCCURRED),
				new io.removaltracker.events.cases.Arrested(ArrestedBy.CBSA),
				new io.removaltracker.events.cases.Imprisoned(null),
				new io.removaltracker.events.cases.ReleasedFromPrison(ReleasedTo.DETAINED, List.of()),
				new io.removaltracker.events.cases.ReleasedOnConditions(List.of(Condition.REPORTING)),
				new io.removaltracker.events.cases.RemovalStayed(StayReason.HUMANITARIAN),
				new io.removaltracker.events.cases.StayLifted(), new io.removaltracker.events.cases.Removed(null),
				new io.removaltracker.events.cases.CaseClosed(CloseReason.STATUS_GRANTED),
				new io.removaltracker.events.cases.NationalityEstablished("HTI"),
				new io.removaltracker.events.cases.AssignedToTeam("GTA-EAST-2"),
				new io.removaltracker.events.cases.ReviewCompleted());
		CaseEventType[] types = CaseEventType.values();
		return java.util.stream.IntStream.range(0, types.length)
			.mapToObj((i) -> CaseEvent.newBuilder()
				.setEventId(UUID.nameUUIDFromBytes(new byte[] { (byte) i }).toString())
				.setCaseId("C-2021-0001")
				.setSequence(i + 1)
				.setType(types[i])
				.setOccurredAt(OCCURRED.plusSeconds(i))
				.setRecordedAt(OCCURRED.plusSeconds(i + 1))
				.setSource("hearing-scheduler")
				.setPayload(payloads.get(i))
				.setCase$(stateAfter(types[i]))
				.build())
			.toList();
	}

	static List<WantedFlagEvent> raisedUpdatedAndCleared() {
		WantedFlagEvent raised = WantedFlagEvent.newBuilder()
			.setCaseId("C-2021-0001")
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(OCCURRED)
			.setReason(HearingType.REMOVAL)
			.setCriminality(Criminality.SERIOUS)
			.setNationality("UNKNOWN")
			.setRegion(Region.QUEBEC)
			.setCaseSequence(4)
			.build();
		WantedFlagEvent updated = WantedFlagEvent.newBuilder(raised)
			.setType(WantedFlagEventType.WANTED_FLAG_UPDATED)
			.setNationality("HTI")
			.setTeam("QC-MTL-1")
			.setReviewDue(OCCURRED.plusSeconds(365L * 86_400))
			.setCaseSequence(5)
			.build();
		WantedFlagEvent cleared = WantedFlagEvent.newBuilder(updated)
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(OCCURRED.plusSeconds(3_600))
			.setClearReason(ClearReason.LOCATED)
			.setCaseSequence(6)
			.build();
		return List.of(raised, updated, cleared);
	}

	static StatsSnapshot nationalSnapshot() {
		return StatsSnapshot.newBuilder()
			.setAsOf(OCCURRED)
			.setOpenCases(1635)
			.setByStatus(Map.of("IN_PRISON", 401L, "DETAINED", 29L, "IN_COMMUNITY", 606L, "WANTED", 599L))
			.setStayed(12)
			.setSupervision(Map.of("REPORTING", 500L, "ELECTRONIC_MONITORING", 40L))
			.setWanted(WantedFigures.newBuilder()
				.setTotal(599L)
				.setSeriousCriminality(431L)
				.setByDuration(Map.of("THREE_YEARS_OR_MORE", 315L, "TWO_TO_THREE_YEARS", 46L))
				.setOverdueReview(37L)
				.setUnassigned(12L)
				.build())
			.setByCriminality(Map.of("SERIOUS", new OpenAndWanted(1000L, 431L)))
			.setByNationality(Map.of("UNKNOWN", new OpenAndWanted(200L, 80L)))
			.setByRegion(Map.of("PACIFIC", new OpenAndWanted(300L, 90L)))
			.setRemoved(new RemovedFigures(10L, Map.of("2021-03", 10L)))
			.setWantedTrend(Map.of("2021-12", 469L))
			.setByTeam(Map.of("GTA-EAST-2", new TeamFigures(140L, 51L, 6L)))
			.setNationalityEstablished(new NationalityEstablishedFigures(88L))
			.build();
	}

	private static IntakeEvent intake(CaseEventType type, Object payload) {
		return IntakeEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setCaseId("C-2021-0001")
			.setType(type)
			.setOccurredAt(OCCURRED)
			.setSource("corrections-feed")
			.setPayload(payload)
			.build();
	}

	private static CaseState stateAfter(CaseEventType type) {
		boolean closed = type == CaseEventType.REMOVED || type == CaseEventType.CASE_CLOSED;
		return CaseState.newBuilder()
			.setPersonId("P-000123")
			.setNationality("STATELESS")
			.setCriminality(Criminality.CRIMINAL)
			.setOrderType(OrderType.EXCLUSION)
			.setRegion(Region.PACIFIC)
			.setCustody(Custody.IN_COMMUNITY)
			.setConditions(List.of(Condition.REPORTING))
			.setStayed(type == CaseEventType.REMOVAL_STAYED)
			.setOpen(!closed)
			.setOpenedAt(OCCURRED)
			.setTeam((type.ordinal() >= CaseEventType.ASSIGNED_TO_TEAM.ordinal()) ? "GTA-EAST-2" : null)
			.build();
	}

}
