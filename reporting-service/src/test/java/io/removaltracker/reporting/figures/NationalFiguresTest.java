package io.removaltracker.reporting.figures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.stats.OpenAndWanted;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.stats.TeamFigures;
import io.removaltracker.events.stats.WantedFigures;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clock-dependent figures at their edges, to the second, and the enforcement figures
 * under corrections, updates and replays.
 */
class NationalFiguresTest {

	private static final Instant AS_OF = Instant.parse("2024-03-15T10:00:00Z");

	@Test
	void durationBandsChangeAtTheExactCalendarInstant() {
		NationalFigures figures = new NationalFigures();
		wanted(figures, "exactly-3y", "2021-03-15T10:00:00Z");
		wanted(figures, "3y-less-1s", "2021-03-15T10:00:01Z");
		wanted(figures, "exactly-2y", "2022-03-15T10:00:00Z");
		wanted(figures, "2y-less-1s", "2022-03-15T10:00:01Z");
		wanted(figures, "exactly-1y", "2023-03-15T10:00:00Z");
		wanted(figures, "1y-less-1s", "2023-03-15T10:00:01Z");

		assertThat(figures.snapshot(AS_OF).getWanted().getByDuration()).isEqualTo(Map.of("THREE_YEARS_OR_MORE", 1L,
				"TWO_TO_THREE_YEARS", 2L, "ONE_TO_TWO_YEARS", 2L, "UNDER_1_YEAR", 1L));
		assertThat(figures.snapshot(AS_OF.minusSeconds(1)).getWanted().getByDuration())
			.isEqualTo(Map.of("TWO_TO_THREE_YEARS", 2L, "ONE_TO_TWO_YEARS", 2L, "UNDER_1_YEAR", 2L));
	}

	@Test
	void trendCountsWhoWasWantedAtTheLastInstantOfEachMonth() {
		NationalFigures figures = new NationalFigures();
		wanted(figures, "raised-at-last-instant", "2024-01-31T23:59:59.999Z");
		WantedFlagEvent cleared = wanted(figures, "cleared-at-last-instant", "2024-01-10T00:00:00Z");
		figures.apply(clear(cleared, "2024-01-31T23:59:59.999Z"));

		assertThat(figures.snapshot(AS_OF).getWantedTrend())
			.isEqualTo(Map.of("2024-01", 1L, "2024-02", 1L, "2024-03", 1L));
	}

	@Test
	void aLateFlagChangesTheMonthsBeforeIt() {
		NationalFigures figures = new NationalFigures();
		wanted(figures, "recent", "2024-02-01T00:00:00Z");
		assertThat(figures.snapshot(AS_OF).getWantedTrend()).isEqualTo(Map.of("2024-02", 1L, "2024-03", 1L));

		WantedFlagEvent late = wanted(figures, "reported-late", "2023-11-20T00:00:00Z");
		figures.apply(clear(late, "2024-01-05T00:00:00Z"));

		assertThat(figures.snapshot(AS_OF).getWantedTrend())
			.isEqualTo(Map.of("2023-11", 1L, "2023-12", 1L, "2024-01", 0L, "2024-02", 1L, "2024-03", 1L));
	}

	@Test
	void aCaseLeavesOneStatusAndEntersAnotherAndAClosedCaseLeavesEveryOpenCount() {
		NationalFigures figures = new NationalFigures();
		figures.apply(caseEvent("C-1", 1, Custody.DETAINED, true));
		assertThat(figures.snapshot(AS_OF).getByStatus()).isEqualTo(Map.of("DETAINED", 1L));

		figures.apply(caseEvent("C-1", 2, Custody.IN_PRISON, true));
		figures.apply(caseEvent("C-1", 1, Custody.DETAINED, true));
		assertThat(figures.snapshot(AS_OF).getByStatus()).isEqualTo(Map.of("IN_PRISON", 1L));

		figures.apply(caseEvent("C-1", 3, Custody.IN_PRISON, false));
		assertThat(figures.snapshot(AS_OF).getOpenCases()).isZero();
		assertThat(figures.snapshot(AS_OF).getByStatus()).isEmpty();
		assertThat(figures.snapshot(AS_OF).getByRegion()).isEmpty();
	}

	@Test
	void aCaseCountsUnderTheNationalityItsLatestEventCarries() {
		NationalFigures figures = new NationalFigures();
		CaseEvent opened = caseEvent("C-1", 1, Custody.DETAINED, true);
		opened.getCase$().setNationality("UNKNOWN");
		CaseEvent established = caseEvent("C-1", 2, Custody.DETAINED, true);
		established.setType(CaseEventType.NATIONALITY_ESTABLISHED);
		established.setPayload(new io.removaltracker.events.cases.NationalityEstablished("HTI"));
		CaseEvent assigned = caseEvent("C-1", 3, Custody.DETAINED, true);
		assigned.setType(CaseEventType.ASSIGNED_TO_TEAM);
		assigned.setPayload(new io.removaltracker.events.cases.AssignedToTeam("QC-MTL-1"));
		assigned.getCase$().setTeam("QC-MTL-1");

		figures.apply(opened);
		assertThat(figures.snapshot(AS_OF).getByNationality()).containsOnlyKeys("UNKNOWN");
		figures.apply(established);
		figures.apply(assigned);
		figures.apply(opened);

		StatsSnapshot snapshot = figures.snapshot(AS_OF);
		assertThat(snapshot.getByNationality()).isEqualTo(Map.of("HTI", new OpenAndWanted(1L, 0L)));
		assertThat(snapshot.getOpenCases()).isEqualTo(1);
		assertThat(snapshot.getByStatus()).isEqualTo(Map.of("DETAINED", 1L));
	}

	@Test
	void aNationalityCorrectionMovesTheCaseToItsCurrentNationality() {
		NationalFigures figures = new NationalFigures();
		CaseEvent opened = caseEvent("C-1", 1, Custody.IN_COMMUNITY, true);
		opened.getCase$().setNationality("UNKNOWN");
		figures.apply(opened);
		figures.apply(flag("C-1", WantedFlagEventType.WANTED_FLAG_RAISED, 1, "2024-01-10T00:00:00Z"));
		figures.apply(nationalityEstablished("C-1", 2, "HTI"));
		assertThat(figures.snapshot(AS_OF).getByNationality()).isEqualTo(Map.of("HTI", new OpenAndWanted(1L, 1L)));

		figures.apply(nationalityEstablished("C-1", 3, "JAM"));

		StatsSnapshot snapshot = figures.snapshot(AS_OF);
		assertThat(snapshot.getByNationality()).isEqualTo(Map.of("JAM", new OpenAndWanted(1L, 1L)));
		assertThat(snapshot.getNationalityEstablished().getTotal()).isEqualTo(2);
	}

	@Test
	void anEstablishedNationalityCountsOnceAcrossReplaysAndAfterTheCaseCloses() {
		NationalFigures figures = new NationalFigures();
		List<CaseEvent> history = List.of(caseEvent("C-1", 1, Custody.DETAINED, true),
				nationalityEstablished("C-1", 2, "SOM"), nationalityEstablished("C-1", 3, "STATELESS"),
				caseEvent("C-1", 4, Custody.DETAINED, false), caseEvent("C-2", 1, Custody.DETAINED, true),
				nationalityEstablished("C-2", 2, "IND"));
		history.forEach(figures::apply);
		assertThat(figures.snapshot(AS_OF).getNationalityEstablished().getTotal()).isEqualTo(3);

		List<CaseEvent> reversed = new ArrayList<>(history);
		Collections.reverse(reversed);
		reversed.forEach(figures::apply);
		history.forEach(figures::apply);

		StatsSnapshot snapshot = figures.snapshot(AS_OF);
		assertThat(snapshot.getNationalityEstablished().getTotal()).isEqualTo(3);
		assertThat(snapshot.getByNationality()).isEqualTo(Map.of("IND", new OpenAndWanted(1L, 0L)));
	}

	@Test
	void anUpdateKeepsTheCaseWantedWithItsNewReviewDateWhateverArrivesAgain() {
		NationalFigures figures = new NationalFigures();
		WantedFlagEvent raised = flag("C-1", WantedFlagEventType.WANTED_FLAG_RAISED, 2, "2023-03-01T00:00:00Z");
		WantedFlagEvent reviewed = flag("C-1", WantedFlagEventType.WANTED_FLAG_UPDATED, 5, "2025-03-01T00:00:00Z");
		figures.apply(raised);
		assertThat(figures.snapshot(AS_OF).getWanted().getOverdueReview()).isEqualTo(1);

		figures.apply(reviewed);
		figures.apply(raised);

		WantedFigures wanted = figures.snapshot(AS_OF).getWanted();
		assertThat(wanted.getTotal()).isEqualTo(1);
		assertThat(wanted.getOverdueReview()).isZero();
		assertThat(figures.snapshot(AS_OF).getByStatus()).isEmpty();

		WantedFlagEvent cleared = WantedFlagEvent.newBuilder(reviewed)
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(AS_OF.minusSeconds(60))
			.setClearReason(ClearReason.LOCATED)
			.setCaseSequence(6)
			.build();
		figures.apply(cleared);
		figures.apply(reviewed);
		figures.apply(raised);
		assertThat(figures.snapshot(AS_OF).getWanted().getTotal()).isZero();
	}

	@Test
	void aReviewIsOverdueOnceItsDueDateIsBeforeAsOf() {
		NationalFigures figures = new NationalFigures();
		figures.apply(flag("due-at-as-of", WantedFlagEventType.WANTED_FLAG_RAISED, 2, AS_OF.toString()));
		figures
			.apply(flag("due-1ms-before", WantedFlagEventType.WANTED_FLAG_RAISED, 2, AS_OF.minusMillis(1).toString()));
		// Flags written before review dates existed: due a year after wantedSince, three
		// for criminality NONE.
		figures.apply(withoutReviewDate("criminal-old-flag", Criminality.CRIMINAL, "2023-03-15T10:00:00Z"));
		figures.apply(withoutReviewDate("none-old-flag", Criminality.NONE, "2021-03-15T09:59:59Z"));
		figures.apply(withoutReviewDate("none-2y-old-flag", Criminality.NONE, "2022-01-01T00:00:00Z"));

		assertThat(figures.snapshot(AS_OF).getWanted().getOverdueReview()).isEqualTo(2);
		assertThat(figures.snapshot(AS_OF.plusMillis(1)).getWanted().getOverdueReview()).isEqualTo(4);
		assertThat(figures.snapshot(AS_OF.minusMillis(1)).getWanted().getOverdueReview()).isEqualTo(1);
	}

	@Test
	void eachTeamCountsItsOpenWantedAndOverdueCasesAndWantedCasesWithoutATeamAreUnassigned() {
		NationalFigures figures = new NationalFigures();
		figures.apply(assigned("wanted-overdue", 2, "GTA-EAST-1"));
		figures.apply(flag("wanted-overdue", WantedFlagEventType.WANTED_FLAG_RAISED, 3, "2024-01-01T00:00:00Z"));
		figures.apply(assigned("moved-to-another-team", 1, "QC-MTL-1"));
		figures.apply(assigned("moved-to-another-team", 2, "GTA-EAST-1"));
		figures.apply(assigned("wanted-on-time", 1, "QC-MTL-1"));
		figures.apply(flag("wanted-on-time", WantedFlagEventType.WANTED_FLAG_RAISED, 2, "2025-01-01T00:00:00Z"));
		figures.apply(caseEvent("wanted-no-team", 1, Custody.IN_COMMUNITY, true));
		figures.apply(flag("wanted-no-team", WantedFlagEventType.WANTED_FLAG_RAISED, 2, "2024-01-01T00:00:00Z"));
		CaseEvent closed = caseEvent("closed", 3, Custody.DETAINED, false);
		closed.getCase$().setTeam("PAC-VAN-3");
		figures.apply(closed);

		StatsSnapshot snapshot = figures.snapshot(AS_OF);
		assertThat(snapshot.getByTeam())
			.isEqualTo(Map.of("GTA-EAST-1", new TeamFigures(2L, 1L, 1L), "QC-MTL-1", new TeamFigures(1L, 1L, 0L)));
		assertThat(snapshot.getWanted().getTotal()).isEqualTo(3);
		assertThat(snapshot.getWanted().getOverdueReview()).isEqualTo(2);
		assertThat(snapshot.getWanted().getUnassigned()).isEqualTo(1);
	}

	private static WantedFlagEvent flag(String caseId, WantedFlagEventType type, long caseSequence, String reviewDue) {
		return WantedFlagEvent.newBuilder()
			.setCaseId(caseId)
			.setType(type)
			.setWantedSince(Instant.parse("2022-06-01T00:00:00Z"))
			.setReason(HearingType.REPORTING)
			.setCriminality(Criminality.CRIMINAL)
			.setNationality("HTI")
			.setRegion(Region.QUEBEC)
			.setCaseSequence(caseSequence)
			.setReviewDue(Instant.parse(reviewDue))
			.build();
	}

	private static WantedFlagEvent withoutReviewDate(String caseId, Criminality criminality, String wantedSince) {
		return WantedFlagEvent.newBuilder()
			.setCaseId(caseId)
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(Instant.parse(wantedSince))
			.setReason(HearingType.REPORTING)
			.setCriminality(criminality)
			.setNationality("UNKNOWN")
			.setRegion(Region.PRAIRIE)
			.setCaseSequence(2)
			.build();
	}

	private static CaseEvent nationalityEstablished(String caseId, long sequence, String nationality) {
		CaseEvent event = caseEvent(caseId, sequence, Custody.IN_COMMUNITY, true);
		event.setType(CaseEventType.NATIONALITY_ESTABLISHED);
		event.setPayload(new io.removaltracker.events.cases.NationalityEstablished(nationality));
		event.getCase$().setNationality(nationality);
		return event;
	}

	private static CaseEvent assigned(String caseId, long sequence, String team) {
		CaseEvent event = caseEvent(caseId, sequence, Custody.IN_COMMUNITY, true);
		event.setType(CaseEventType.ASSIGNED_TO_TEAM);
		event.setPayload(new io.removaltracker.events.cases.AssignedToTeam(team));
		event.getCase$().setTeam(team);
		return event;
	}

	private static WantedFlagEvent wanted(NationalFigures figures, String caseId, String since) {
		WantedFlagEvent raised = WantedFlagEvent.newBuilder()
			.setCaseId(caseId)
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(Instant.parse(since))
			.setReason(HearingType.REPORTING)
			.setCriminality(Criminality.CRIMINAL)
			.setNationality("UNKNOWN")
			.setRegion(Region.ATLANTIC)
			.setCaseSequence(2)
			.build();
		figures.apply(raised);
		return raised;
	}

	private static WantedFlagEvent clear(WantedFlagEvent raised, String at) {
		return WantedFlagEvent.newBuilder(raised)
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(Instant.parse(at))
			.setClearReason(ClearReason.LOCATED)
			.setCaseSequence(3)
			.build();
	}

	private static CaseEvent caseEvent(String caseId, long sequence, Custody custody, boolean open) {
		return CaseEvent.newBuilder()
			.setEventId(caseId + "-" + sequence)
			.setCaseId(caseId)
			.setSequence(sequence)
			.setType(open ? CaseEventType.IMPRISONED : CaseEventType.CASE_CLOSED)
			.setOccurredAt(AS_OF)
			.setRecordedAt(AS_OF)
			.setPayload(new io.removaltracker.events.cases.StayLifted())
			.setCase$(CaseState.newBuilder()
				.setPersonId("P")
				.setNationality("HTI")
				.setCriminality(Criminality.NONE)
				.setOrderType(OrderType.EXCLUSION)
				.setRegion(Region.QUEBEC)
				.setCustody(custody)
				.setConditions(List.of())
				.setStayed(false)
				.setOpen(open)
				.setOpenedAt(AS_OF)
				.build())
			.build();
	}

}
