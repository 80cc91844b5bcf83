package io.removaltracker.reporting.figures;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.wanted.WantedFlagEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How much heap {@link NationalFigures} holds per case: a measurement to run by hand, not
 * a test (nothing here passes or fails on a number). It feeds a million random cases
 * ({@link RandomHistories}, 10,000 per seed) through the real figures, every event and
 * flag first written and read back through the topics' serdes so each record owns its
 * strings as a decoded record does, then collects the garbage and reads the heap in use.
 * <p>
 * Run it from the repository root after {@code ./mvnw -o -q -pl reporting-service -am
 * test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=/tmp/reporting-cp.txt}: {@code java -Xmx3g -cp
 * reporting-service/target/test-classes:reporting-service/target/classes:$(cat
 * /tmp/reporting-cp.txt) io.removaltracker.reporting.figures.FiguresMemory [cases]}.
 */
public final class FiguresMemory {

	private static final Instant AS_OF = Instant.parse("2025-07-01T12:00:00Z");

	private static final int CASES_PER_SEED = 10_000;

	private FiguresMemory() {
	}

	public static void main(String[] args) {
		int cases = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		Map<String, ?> serde = Map.of("schema.registry.url", "mock://figures-memory");
		Serializer<CaseEvent> eventWriter = Topics.CASE_EVENTS.valueSerde(serde).serializer();
		Deserializer<CaseEvent> eventReader = Topics.CASE_EVENTS.valueSerde(serde).deserializer();
		Serializer<WantedFlagEvent> flagWriter = Topics.WANTED_FLAGS.valueSerde(serde).serializer();
		Deserializer<WantedFlagEvent> flagReader = Topics.WANTED_FLAGS.valueSerde(serde).deserializer();
		String events = Topics.CASE_EVENTS.name();
		String flags = Topics.WANTED_FLAGS.name();

		long before = usedHeapAfterCollection();
		NationalFigures figures = new NationalFigures();
		long eventCount = 0;
		long flagCount = 0;
		for (int seed = 1; (long) (seed - 1) * CASES_PER_SEED < cases; seed++) {
			int batch = Math.min(CASES_PER_SEED, cases - (seed - 1) * CASES_PER_SEED);
			List<RandomHistories.History> histories = RandomHistories.generate(seed, batch, AS_OF);
			for (RandomHistories.History history : histories) {
				for (CaseEvent event : history.events()) {
					figures.apply(eventReader.deserialize(events, eventWriter.serialize(events, event)));
					eventCount++;
				}
				for (WantedFlagEvent flag : history.flags()) {
					figures.apply(flagReader.deserialize(flags, flagWriter.serialize(flags, flag)));
					flagCount++;
				}
			}
		}
		long after = usedHeapAfterCollection();
		long started = System.nanoTime();
		StatsSnapshot snapshot = figures.snapshot(AS_OF);
		long snapshotNanos = System.nanoTime() - started;
		long warmNanos = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			long start = System.nanoTime();
			figures.snapshot(AS_OF);
			warmNanos = Math.min(warmNanos, System.nanoTime() - start);
		}

		long held = after - before;
		System.out.printf(Locale.ROOT, "cases %,d (open %,d, wanted %,d), case events %,d, flag changes %,d%n", cases,
				snapshot.getOpenCases(), snapshot.getWanted().getTotal(), eventCount, flagCount);
		System.out.printf(Locale.ROOT, "heap held by the figures: %,.1f MiB, %,.1f bytes per case%n",
				held / 1024.0 / 1024.0, (double) held / cases);
		System.out.printf(Locale.ROOT, "one snapshot: the first %.1f ms, the fastest of the next ten %.1f ms%n",
				snapshotNanos / 1e6, warmNanos / 1e6);
		// Keeps the figures reachable until the heap has been read.
		System.out.println(figures.snapshot(AS_OF).getRemoved().getTotal() >= 0 ? "" : "?");
	}

	private static long usedHeapAfterCollection() {
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
