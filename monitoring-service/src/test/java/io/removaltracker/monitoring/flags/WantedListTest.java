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
				new WantedList.Query(null, null, null, null, null, false, false, WantedList.Order.OLDEST_FIRST, 1, 3),
				NOW);
		WantedList.Page beyond = WantedList.find(LAST_CHANGES,
				new WantedList.Query(null, null, null, null, null, false, false, WantedList.Order.OLDEST_FIRST, 5, 3),
				NOW);

		assertThat(second.total()).isEqualTo(4);
		assertThat(second.items()).extracting(WantedList.Entry::caseId).containsExactly("C-new");
		assertThat(beyond.items()).isEmpty();
	}

	@Test
	void anUpdatedFlagIsStillWantedWithItsNewValues() {
		WantedFlagEvent updated = updated(
				raised("C-upd", "2023-01-01T00:00:00Z", Criminality.SERIOUS, Region.QUEBEC, "UNKNOWN"), "HTI",
				"QC-MTL-1", "2024-09-01T00:00:00Z");

		assertThat(WantedList.isWanted(updated)).isTrue();
		assertThat(WantedList.entry(updated)).hasValueSatisfying((entry) -> {
			assertThat(entry.nationality()).isEqualTo("HTI");
			assertThat(entry.team()).isEqualTo("QC-MTL-1");
			assertThat(entry.reviewDue()).isEqualTo("2024-09-01T00:00:00Z");
			assertThat(entry.wantedSince()).isEqualTo("2023-01-01T00:00:00Z");
		});
		assertThat(WantedList.find(List.of(updated), query(null, null, "UNKNOWN", null, false), NOW).total()).isZero();
		assertThat(WantedList.find(List.of(updated), query(null, null, "HTI", null, true), NOW).total()).isZero();
	}

	@Test
	void teamAndUnassignedFilterByTheCurrentTeam() {
		List<WantedFlagEvent> lastChanges = List.of(
				updated(raised("C-a", "2023-01-01T00:00:00Z", Criminality.NONE, Region.QUEBEC, "HTI"), "HTI",
						"QC-MTL-1", "2026-01-01T00:00:00Z"),
				updated(raised("C-b", "2023-02-01T00:00:00Z", Criminality.NONE, Region.QUEBEC, "HTI"), "HTI",
						"QC-MTL-2", "2026-02-01T00:00:00Z"),
				raised("C-c", "2023-03-01T00:00:00Z", Criminality.NONE, Region.QUEBEC, "HTI"));

		assertThat(ids(lastChanges, filter("QC-MTL-1", false, false, WantedList.Order.OLDEST_FIRST)))
			.containsExactly("C-a");
		assertThat(ids(lastChanges, filter(null, true, false, WantedList.Order.OLDEST_FIRST))).containsExactly("C-c");
		assertThat(ids(lastChanges, filter("QC-MTL-1", true, false, WantedList.Order.OLDEST_FIRST))).isEmpty();
	}

	@Test
	void priorityPutsOverdueReviewsFirstThenTheMostSeriousThenTheOldest() {
		List<WantedFlagEvent> lastChanges = List.of(
				raised("C-none-overdue", "2020-01-01T00:00:00Z", Criminality.NONE, Region.QUEBEC, "HTI"),
				raised("C-criminal-overdue", "2022-01-01T00:00:00Z", Criminality.CRIMINAL, Region.QUEBEC, "HTI"),
				// Reviewed, so no longer overdue although wanted longest.
				updated(raised("C-serious-reviewed", "2019-01-01T00:00:00Z", Criminality.SERIOUS, Region.QUEBEC, "HTI"),
						"HTI", null, "2024-12-01T00:00:00Z"),
				raised("C-none-new", "2024-01-01T00:00:00Z", Criminality.NONE, Region.QUEBEC, "HTI"),
				raised("C-serious-b", "2024-05-01T00:00:00Z", Criminality.SERIOUS, Region.QUEBEC, "HTI"),
				raised("C-serious-a", "2024-05-01T00:00:00Z", Criminality.SERIOUS, Region.QUEBEC, "HTI"),
				raised("C-criminal-new", "2024-02-01T00:00:00Z", Criminality.CRIMINAL, Region.QUEBEC, "HTI"));

		assertThat(ids(lastChanges, filter(null, false, false, WantedList.Order.PRIORITY))).containsExactly(
				"C-criminal-overdue", "C-none-overdue", "C-serious-reviewed", "C-serious-a", "C-serious-b",
				"C-criminal-new", "C-none-new");
		assertThat(ids(lastChanges, filter(null, false, false, WantedList.Order.OLDEST_FIRST))).containsExactly(
				"C-serious-reviewed", "C-none-overdue", "C-criminal-overdue", "C-none-new", "C-criminal-new",
				"C-serious-a", "C-serious-b");
		assertThat(ids(lastChanges, filter(null, false, true, WantedList.Order.PRIORITY)))
			.containsExactly("C-criminal-overdue", "C-none-overdue");
	}

	private static List<String> ids(List<WantedFlagEvent> lastChanges, WantedList.Query query) {
		return WantedList.find(lastChanges, query, NOW).items().stream().map(WantedList.Entry::caseId).toList();
	}

	private static WantedList.Query filter(String team, boolean unassigned, boolean overdue, WantedList.Order order) {
		return new WantedList.Query(null, null, null, null, team, unassigned, overdue, order, 0, 100);
	}

	private static WantedFlagEvent updated(WantedFlagEvent flag, String nationality, String team, String reviewDue) {
		return WantedFlagEvent.newBuilder(flag)
			.setType(WantedFlagEventType.WANTED_FLAG_UPDATED)
			.setNationality(nationality)
			.setTeam(team)
			.setReviewDue(Instant.parse(reviewDue))
			.setCaseSequence(flag.getCaseSequence() + 1)
			.build();
	}

	private static List<String> ids(WantedList.Query query) {
		return WantedList.find(LAST_CHANGES, query, NOW).items().stream().map(WantedList.Entry::caseId).toList();
	}

	private static WantedList.Query query(Criminality criminality, Region region, String nationality, Integer minYears,
			boolean overdue) {
		return new WantedList.Query(criminality, region, nationality, minYears, null, false, overdue,
				WantedList.Order.OLDEST_FIRST, 0, 100);
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
