package io.removaltracker.monitoring.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/**
 * A plain measure, not a test: a filtered page and the count at 50,000 wanted cases, from
 * the index and the way they were computed before (every last change, already decoded,
 * filtered and sorted per request; the real table also cost a RocksDB scan and an Avro
 * decode of every record on top). Run from the module with the test class path, e.g.
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.removaltracker.monitoring.flags.WantedIndexMeasure}.
 */
public final class WantedIndexMeasure {

	private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

	private WantedIndexMeasure() {
	}

	public static void main(String[] args) {
		int cases = (args.length > 0) ? Integer.parseInt(args[0]) : 50_000;
		Random random = new Random(50_000);
		List<WantedFlagEvent> table = new ArrayList<>();
		WantedIndex index = new WantedIndex();
		for (int i = 0; i < cases; i++) {
			WantedFlagEvent flag = WantedFlagEvent.newBuilder()
				.setCaseId("C-" + i)
				.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
				.setWantedSince(NOW.minusSeconds(60L * random.nextInt(5_000_000)))
				.setReason(HearingType.REPORTING)
				.setCriminality(Criminality.values()[random.nextInt(3)])
				.setNationality(List.of("UNKNOWN", "HTI", "JAM", "SOM", "ERI").get(random.nextInt(5)))
				.setRegion(Region.values()[random.nextInt(Region.values().length)])
				.setTeam((random.nextInt(3) == 0) ? null : "TEAM-" + random.nextInt(40))
				.setCaseSequence(2)
				.build();
			table.add(flag);
			index.changed(flag.getCaseId(), flag);
		}
		List<WantedList.Query> queries = List.of(
				new WantedList.Query(null, null, null, null, null, false, false, WantedList.Order.OLDEST_FIRST, 0, 100),
				new WantedList.Query(null, Region.PACIFIC, "HTI", null, null, false, false,
						WantedList.Order.OLDEST_FIRST, 2, 50),
				new WantedList.Query(Criminality.SERIOUS, null, null, 3, null, false, true, WantedList.Order.PRIORITY,
						0, 100),
				new WantedList.Query(null, null, null, null, null, true, false, WantedList.Order.PRIORITY, 10, 100),
				new WantedList.Query(null, Region.QUEBEC, null, null, null, false, false, WantedList.Order.OLDEST_FIRST,
						0, 50),
				new WantedList.Query(null, Region.QUEBEC, null, null, null, false, false, WantedList.Order.PRIORITY, 0,
						50));
		System.out.printf(Locale.ROOT, "%,d wanted cases%n", cases);
		for (WantedList.Query query : queries) {
			double before = millisPerCall(() -> WantedList.find(table, query, NOW).total());
			double after = millisPerCall(() -> index.find(query, NOW).total());
			System.out.printf(Locale.ROOT, "page %-110s before %7.2f ms  index %6.2f ms  (%,d match)%n", query, before,
					after, index.find(query, NOW).total());
		}
		double countBefore = millisPerCall(() -> table.stream().filter(WantedList::isWanted).count());
		double countAfter = millisPerCall(index::wantedNow);
		System.out.printf(Locale.ROOT, "gauge: before %.3f ms, index %.6f ms%n", countBefore, countAfter);
	}

	private static double millisPerCall(java.util.function.LongSupplier call) {
		long sink = 0;
		for (int i = 0; i < 50; i++) {
			sink += call.getAsLong();
		}
		int calls = 200;
		long start = System.nanoTime();
		for (int i = 0; i < calls; i++) {
			sink += call.getAsLong();
		}
		double millis = (System.nanoTime() - start) / 1e6 / calls;
		if (sink == 42) {
			System.out.print("");
		}
		return millis;
	}

}
