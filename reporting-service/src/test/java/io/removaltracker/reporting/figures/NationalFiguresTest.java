package io.removaltracker.reporting.figures;

import java.time.Instant;
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
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock-dependent figures at their edges, to the second. */
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
