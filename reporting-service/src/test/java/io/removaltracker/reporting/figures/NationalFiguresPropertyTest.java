package io.removaltracker.reporting.figures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.stats.OpenAndWanted;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random valid case histories, delivered in random order across cases (in
 * order within a case on each topic, the two topics interleaved at random), with repeats
 * and a full replay, give exactly the figures a hand count of the same histories gives,
 * figure by figure, the enforcement figures included.
 */
class NationalFiguresPropertyTest {

	private static final Instant AS_OF = Instant.parse("2025-07-01T12:00:00Z");

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 20251121, 424242 })
	void figuresEqualTheHandCountWhateverTheDelivery(long seed) {
		List<RandomHistories.History> histories = RandomHistories.generate(seed, 3_000, AS_OF);
		NationalFigures figures = new NationalFigures();
		Random random = new Random(seed * 31);

		deliver(histories, figures, random);
		Map<String, Long> once = flatten(figures.snapshot(AS_OF));
		deliver(histories, figures, random);

		Map<String, Long> expected = new HandCount(histories, AS_OF).figures;
		assertThat(once).isEqualTo(expected);
		assertThat(flatten(figures.snapshot(AS_OF))).as("after a full replay").isEqualTo(expected);
		assertThat(expected.get("wanted.total")).as("the histories exercise the wanted figures").isPositive();
		assertThat(expected).containsKey("removed.total");
		assertThat(expected).as("the histories exercise the enforcement figures")
			.containsKeys("wanted.overdueReview", "wanted.unassigned", "nationalityEstablished.total")
			.containsKey("byTeam." + RandomHistories.TEAMS.get(0) + ".overdueReview");
		assertThat(histories.stream().flatMap((history) -> history.flags().stream()))
			.as("the histories update wanted flags")
			.anyMatch((flag) -> flag.getType() == WantedFlagEventType.WANTED_FLAG_UPDATED);
	}

	/**
	 * Every event once, in a random order that keeps each case's order on each topic,
	 * repeating one in twenty at a random later point.
	 */
	private static void deliver(List<RandomHistories.History> histories, NationalFigures figures, Random random) {
		List<Object> queue = new ArrayList<>();
		List<Integer> caseOrder = new ArrayList<>();
		int[] nextEvent = new int[histories.size()];
		int[] nextFlag = new int[histories.size()];
		for (int i = 0; i < histories.size(); i++) {
			for (int n = 0; n < histories.get(i).events().size() + histories.get(i).flags().size(); n++) {
				caseOrder.add(i);
			}
		}
		Collections.shuffle(caseOrder, random);
		for (int i : caseOrder) {
			RandomHistories.History history = histories.get(i);
			boolean takeFlag = nextEvent[i] >= history.events().size()
					|| (nextFlag[i] < history.flags().size() && random.nextBoolean());
			queue.add(takeFlag ? history.flags().get(nextFlag[i]++) : history.events().get(nextEvent[i]++));
		}
		List<Object> delivered = new ArrayList<>();
		for (Object record : queue) {
			send(record, figures);
			delivered.add(record);
			if (random.nextInt(20) == 0) {
				send(delivered.get(random.nextInt(delivered.size())), figures);
			}
		}
	}

	private static void send(Object record, NationalFigures figures) {
		if (record instanceof CaseEvent event) {
			figures.apply(event);
		}
		else {
			figures.apply((WantedFlagEvent) record);
		}
	}

	/**
	 * The snapshot as figure name to count, in the hand count's names; zero counts left
	 * out.
	 */
	static Map<String, Long> flatten(StatsSnapshot snapshot) {
		Map<String, Long> flat = new TreeMap<>();
		put(flat, "openCases", snapshot.getOpenCases());
		put(flat, "stayed", snapshot.getStayed());
		snapshot.getByStatus().forEach((key, value) -> put(flat, "byStatus." + key, value));
		snapshot.getSupervision().forEach((key, value) -> put(flat, "supervision." + key, value));
		put(flat, "wanted.total", snapshot.getWanted().getTotal());
		put(flat, "wanted.seriousCriminality", snapshot.getWanted().getSeriousCriminality());
		snapshot.getWanted().getByDuration().forEach((key, value) -> put(flat, "wanted.byDuration." + key, value));
		put(flat, "wanted.overdueReview", snapshot.getWanted().getOverdueReview());
		put(flat, "wanted.unassigned", snapshot.getWanted().getUnassigned());
		put(flat, "nationalityEstablished.total", snapshot.getNationalityEstablished().getTotal());
		snapshot.getByTeam().forEach((team, value) -> {
			put(flat, "byTeam." + team + ".open", value.getOpen());
			put(flat, "byTeam." + team + ".wanted", value.getWanted());
			put(flat, "byTeam." + team + ".overdueReview", value.getOverdueReview());
		});
		putAll(flat, "byCriminality.", snapshot.getByCriminality());
		putAll(flat, "byNationality.", snapshot.getByNationality());
		putAll(flat, "byRegion.", snapshot.getByRegion());
		put(flat, "removed.total", snapshot.getRemoved().getTotal());
		snapshot.getRemoved().getByMonth().forEach((key, value) -> put(flat, "removed.byMonth." + key, value));
		snapshot.getWantedTrend().forEach((key, value) -> flat.put("wantedTrend." + key, value));
		return flat;
	}

	private static void putAll(Map<String, Long> flat, String prefix, Map<String, OpenAndWanted> figures) {
		figures.forEach((key, value) -> {
			put(flat, prefix + key + ".open", value.getOpen());
			put(flat, prefix + key + ".wanted", value.getWanted());
		});
	}

	private static void put(Map<String, Long> flat, String name, long value) {
		if (value != 0) {
			flat.put(name, value);
		}
	}

}
