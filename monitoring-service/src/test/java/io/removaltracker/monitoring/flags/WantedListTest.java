package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.List;

import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WantedListTest {

	private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

	private static final List<WantedFlagEvent> LAST_CHANGES = List.of(
			raised("C-new", "2024-05-01T00:00:00Z", Criminality.NONE, Region.QUEBEC, "HTI"),
			raised("C-old", "2019-01-01T00:00:00Z", Criminality.SERIOUS, Region.PACIFIC, "UNKNOWN"),
			raised("C-mid", "2021-06-01T00:00:00Z", Criminality.CRIMINAL, Region.PACIFIC, "JAM"),
			raised("C-edge", "2021-06-01T00:00:00Z", Criminality.SERIOUS, Region.PRAIRIE, "SOM"),
			cleared("C-gone", "2018-01-01T00:00:00Z"));

	@Test
	void onlyRaisedFlagsOldestFirstThenByCaseId() {
		WantedList.Page page = WantedList.find(LAST_CHANGES, query(null, null, null, null, false), NOW);

		assertThat(page.total()).isEqualTo(4);
		assertThat(page.items()).extracting(WantedList.Entry::caseId)
			.containsExactly("C-old", "C-edge", "C-mid", "C-new");
	}

	@Test
	void filtersCombine() {
		assertThat(ids(query(Criminality.SERIOUS, null, null, null, false))).containsExactly("C-old", "C-edge");
		assertThat(ids(query(null, Region.PACIFIC, "JAM", null, false))).containsExactly("C-mid");
		assertThat(ids(query(null, null, "UNKNOWN", null, false))).containsExactly("C-old");
	}

	@Test
	void minYearsCountsWholeCalendarYearsToTheInstant() {
		assertThat(ids(query(null, null, null, 3, false))).containsExactly("C-old", "C-edge", "C-mid");
		assertThat(ids(query(null, null, null, 4, false))).containsExactly("C-old");
	}

	@Test
	void overdueReviewListsCasesPastTheirReviewDate() {
		assertThat(ids(query(null, null, null, null, true))).containsExactly("C-old", "C-edge", "C-mid");
		assertThat(WantedList.find(LAST_CHANGES, query(null, null, null, null, false), NOW).items().get(3).reviewDue())
			.isEqualTo("2027-05-01T00:00:00Z");
	}

	@Test
	void pagesAreSlicesOfTheWholeOrder() {
		WantedList.Page second = WantedList.find(LAST_CHANGES,
				new WantedList.Query(null, null, null, null, false, 1, 3), NOW);
		WantedList.Page beyond = WantedList.find(LAST_CHANGES,
				new WantedList.Query(null, null, null, null, false, 5, 3), NOW);

		assertThat(second.total()).isEqualTo(4);
		assertThat(second.items()).extracting(WantedList.Entry::caseId).containsExactly("C-new");
		assertThat(beyond.items()).isEmpty();
	}

	private static List<String> ids(WantedList.Query query) {
		return WantedList.find(LAST_CHANGES, query, NOW).items().stream().map(WantedList.Entry::caseId).toList();
	}

	private static WantedList.Query query(Criminality criminality, Region region, String nationality, Integer minYears,
			boolean overdue) {
		return new WantedList.Query(criminality, region, nationality, minYears, overdue, 0, 100);
	}

	static WantedFlagEvent raised(String caseId, String since, Criminality criminality, Region region,
			String nationality) {
		return WantedFlagEvent.newBuilder()
			.setCaseId(caseId)
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(Instant.parse(since))
			.setReason(HearingType.REPORTING)
			.setCriminality(criminality)
			.setNationality(nationality)
			.setRegion(region)
			.setCaseSequence(2)
			.build();
	}

	private static WantedFlagEvent cleared(String caseId, String since) {
		return WantedFlagEvent.newBuilder(raised(caseId, since, Criminality.SERIOUS, Region.ATLANTIC, "HTI"))
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(NOW)
			.setClearReason(ClearReason.LOCATED)
			.build();
	}

}
