package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index against the list's own definition ({@link WantedList#find} over every last
 * flag change): the same page for any filters, order and page, after any sequence of
 * raises, updates and clears, and after a rebuild.
 */
class WantedIndexTest {

	private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

	private static final List<String> NATIONALITIES = List.of("UNKNOWN", "HTI", "JAM", "SOM", "STATELESS");

	private static final List<String> TEAMS = List.of("GTA-EAST-2", "QC-MTL-1", "PAC-VAN-3");

	private final Random random = new Random(20250601);

	@Test
	void everyPageIsWhatTheWholeTableGivesAfterAnySequenceOfChanges() {
		WantedIndex index = new WantedIndex();
		Map<String, WantedFlagEvent> table = new LinkedHashMap<>();

		for (int round = 0; round < 20; round++) {
			for (int change = 0; change < 500; change++) {
				String caseId = "C-" + this.random.nextInt(1500);
				WantedFlagEvent lastChange = aFlagChange(caseId);
				table.put(caseId, lastChange);
				index.changed(caseId, lastChange);
			}

			assertSameAsTheTable(index, table);
		}
	}

	@Test
	void aRebuildTakesTheTableAsItIsAndForgetsTheRest() {
		WantedIndex index = new WantedIndex();
		for (int i = 0; i < 300; i++) {
			index.changed("C-old-" + i, raised("C-old-" + i));
		}
		Map<String, WantedFlagEvent> table = new LinkedHashMap<>();
		for (int i = 0; i < 700; i++) {
			table.put("C-" + i, aFlagChange("C-" + i));
		}

		index.rebuild(table.entrySet()
			.stream()
			.map((entry) -> (Map.Entry<String, WantedFlagEvent>) new AbstractMap.SimpleImmutableEntry<>(entry))
			.iterator());

		assertSameAsTheTable(index, table);
	}

	@Test
	void theCountFollowsRaisesAndClearsAndADeletedEntry() {
		WantedIndex index = new WantedIndex();

		index.changed("C-1", raised("C-1"));
		index.changed("C-2", raised("C-2"));
		index.changed("C-1", raised("C-1"));
		assertThat(index.wantedNow()).isEqualTo(2);

		index.changed("C-1", cleared(raised("C-1")));
		index.changed("C-2", null);
		assertThat(index.wantedNow()).isZero();
		assertThat(index.find(query(null, null, null, null, null, false, false, WantedList.Order.OLDEST_FIRST, 0, 10),
				NOW))
			.isEqualTo(new WantedList.Page(0, List.of()));
	}

	private void assertSameAsTheTable(WantedIndex index, Map<String, WantedFlagEvent> table) {
		long wanted = table.values().stream().filter(WantedList::isWanted).count();
		assertThat(index.wantedNow()).isEqualTo(wanted);
		for (int i = 0; i < 200; i++) {
			WantedList.Query query = aQuery();
			assertThat(index.find(query, NOW)).as(query.toString())
				.isEqualTo(WantedList.find(table.values(), query, NOW));
		}
		WantedList.Query everything = query(null, null, null, null, null, false, false, WantedList.Order.PRIORITY, 0,
				1000);
		assertThat(index.find(everything, NOW)).isEqualTo(WantedList.find(table.values(), everything, NOW));
	}

	private WantedList.Query aQuery() {
		return query(sometimes(pick(Criminality.values())), sometimes(pick(Region.values())),
				sometimes(pick(NATIONALITIES.toArray(String[]::new))), sometimes(this.random.nextInt(8)),
				sometimes(pick(TEAMS.toArray(String[]::new))), this.random.nextInt(5) == 0, this.random.nextInt(4) == 0,
				pick(WantedList.Order.values()), this.random.nextInt(4), 1 + this.random.nextInt(60));
	}

	private static WantedList.Query query(Criminality criminality, Region region, String nationality, Integer minYears,
			String team, boolean unassigned, boolean overdue, WantedList.Order order, int page, int size) {
		return new WantedList.Query(criminality, region, nationality, minYears, team, unassigned, overdue, order, page,
				size);
	}

	/**
	 * A raise, an update or a clear, with instants on whole days so that many cases share
	 * a {@code wantedSince} and the order falls back to the caseId.
	 */
	private WantedFlagEvent aFlagChange(String caseId) {
		WantedFlagEvent.Builder flag = WantedFlagEvent.newBuilder(raised(caseId))
			.setType(pick(WantedFlagEventType.WANTED_FLAG_RAISED, WantedFlagEventType.WANTED_FLAG_UPDATED))
			.setWantedSince(NOW.minusSeconds(86_400L * this.random.nextInt(3000)))
			.setCriminality(pick(Criminality.values()))
			.setRegion(pick(Region.values()))
			.setNationality(pick(NATIONALITIES.toArray(String[]::new)))
			.setTeam(sometimes(pick(TEAMS.toArray(String[]::new))));
		if (this.random.nextBoolean()) {
			flag.setReviewDue(NOW.plusSeconds(86_400L * (this.random.nextInt(2000) - 1000)));
		}
		return (this.random.nextInt(4) == 0) ? cleared(flag.build()) : flag.build();
	}

	private static WantedFlagEvent raised(String caseId) {
		return WantedFlagEvent.newBuilder()
			.setCaseId(caseId)
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(NOW.minusSeconds(86_400))
			.setReason(HearingType.REPORTING)
			.setCriminality(Criminality.NONE)
			.setNationality("UNKNOWN")
			.setRegion(Region.ATLANTIC)
			.setCaseSequence(2)
			.build();
	}

	private static WantedFlagEvent cleared(WantedFlagEvent flag) {
		return WantedFlagEvent.newBuilder(flag)
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(NOW)
			.setClearReason(ClearReason.LOCATED)
			.build();
	}

	private <T> T sometimes(T value) {
		return this.random.nextBoolean() ? value : null;
	}

	@SafeVarargs
	private <T> T pick(T... values) {
		return values[this.random.nextInt(values.length)];
	}

}
