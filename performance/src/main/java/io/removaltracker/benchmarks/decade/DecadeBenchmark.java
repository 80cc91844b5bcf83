package io.removaltracker.benchmarks.decade;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.benchmarks.pipeline.KafkaBaseline;
import io.removaltracker.benchmarks.pipeline.Latencies;
import io.removaltracker.benchmarks.pipeline.WantedReaders;
import io.removaltracker.events.Topics;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.localstack.StackProcess;
import io.removaltracker.simulator.AccessTokens;
import io.removaltracker.simulator.CaseScript;
import io.removaltracker.simulator.KafkaIntakePublisher;
import io.removaltracker.simulator.Traffic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Ten years of national history on the local stack: seeds about 2,000,000 random cases
 * (about 10,000,000 canonical events) through case-service, then measures what a decade
 * costs, each figure beside Kafka's own tools on the same broker in the same run; writes
 * a section of BENCHMARKS.md and a JSON copy. Nothing here passes or fails on a number.
 * <p>
 * The history goes in through the Kafka intake ({@code case-intake}), so case-service
 * writes every canonical event, its stores and their changelogs, and monitoring-service
 * every flag, as they would in ten years of service: the restore of case-service's stores
 * is measured on changelogs it wrote itself, and the events carry the sequences and
 * states its rules give. Writing canonical events straight to {@code case-events} would
 * be faster, but would leave case-service's changelogs empty and need a second copy of
 * its state machine.
 * <p>
 * Settings (system properties): {@code bench.decade.cases} (2,000,000),
 * {@code bench.decade.wantedCases} (50,000: the wanted list is topped up to this many
 * wanted cases), {@code bench.decade.readers} (16), {@code bench.decade.readSeconds}
 * (30), {@code bench.decade.reuse} (false: true measures again on the history an earlier
 * run left in {@code performance/target/decade-data} instead of seeding a new one).
 */
public final class DecadeBenchmark {

	/**
	 * The nationality of the cases added to reach the wanted target, to count them apart.
	 */
	private static final String TOP_UP_NATIONALITY = "ZZW";

	/** The nationality of the marker cases that show every partition went through. */
	private static final String MARKER_NATIONALITY = "ZZD";

	private static final List<String> SERVICES = List.of("case-service", "monitoring-service", "reporting-service");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final int cases = Integer.getInteger("bench.decade.cases", 2_000_000);

	private final int wantedTarget = Integer.getInteger("bench.decade.wantedCases", 50_000);

	private final int readers = Integer.getInteger("bench.decade.readers", 16);

	private final int readSeconds = Integer.getInteger("bench.decade.readSeconds", 30);

	private final boolean reuse = Boolean.getBoolean("bench.decade.reuse");

	private final Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();

	private final Path dataDir = this.root.resolve("performance/target/decade-data");

	private final Path jar = this.root.resolve("local-stack/target/local-stack.jar");

	private final Map<String, Object> facts = new LinkedHashMap<>();

	private final List<DecadeReport.Row> rows = new ArrayList<>();

	private final long started = System.nanoTime();

	private final Map<String, String> env = new HashMap<>();

	private Map<String, Integer> ports;

	private StackProcess stack;

	public static void main(String[] args) throws Exception {
		new DecadeBenchmark().run();
		System.exit(0);
	}

	private void run() throws Exception {
		Path benchTarget = Files.createDirectories(this.dataDir.getParent());
		// The other benchmarks' lock: two at once measure each other.
		try (FileChannel lockFile = FileChannel.open(benchTarget.resolve("bench-data.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); var lock = lockFile.tryLock()) {
			if (lock == null) {
				throw new IllegalStateException("another benchmark is running in " + benchTarget + "; wait for it");
			}
			measure();
		}
	}

	private void measure() throws Exception {
		log("Decade benchmark: %,d random cases, the wanted list topped up to %,d wanted cases", this.cases,
				this.wantedTarget);
		if (this.reuse) {
			if (!Files.isDirectory(this.dataDir.resolve("stack/kafka"))) {
				throw new IllegalStateException(
						"-Dbench.decade.reuse=true: no history in " + this.dataDir + " to reuse; run once without it");
			}
			log("Reusing the history an earlier run left in %s", this.dataDir);
		}
		else {
			StackProcess.freshDataDir(this.dataDir);
		}
		// The benchmark's one upstream client is not held to a real upstream system's
		// rate limit (the parts inherit this environment).
		this.env.put("CASESERVICE_INTAKE_RATELIMIT_EVENTSPERSECOND", "1000000");
		this.env.put("CASESERVICE_INTAKE_RATELIMIT_BURST", "1000000");
		this.ports = StackProcess.freePorts();
		long launched = System.nanoTime();
		this.stack = StackProcess.start(this.jar, this.dataDir.resolve("stack"), this.ports, this.env,
				"--startup-timeout", "3600");
		awaitLauncherReady();
		try {
			List.of(AccessTokens.UPSTREAM, AccessTokens.OFFICER, AccessTokens.DASHBOARD)
				.forEach((client) -> this.stack.tokens(client).token());
			if (this.reuse) {
				awaitReusedHistory(launched);
			}
			else {
				seed();
			}
			topUpWanted();
			readWantedList();
			peakMemory("seeding and reads");
			Baselines baselines = baselines();
			Map<String, Double> rebuild = restart("monitoring's state deleted", List.of("monitoring-service"));
			peakMemory("the restart with monitoring's state deleted");
			Map<String, Double> restore = restart("case-service's state deleted", List.of("case-service"));
			peakMemory("the restart with case-service's state deleted");
			report(baselines, rebuild, restore);
		}
		finally {
			this.stack.close();
		}
		new DecadeReport(this.facts, this.rows).write(this.root.resolve("BENCHMARKS.md"),
				this.root.resolve("performance/results/decade.json"));
		log("Done in %s; report in BENCHMARKS.md and performance/results/decade.json", elapsed());
	}

	/**
	 * The decade's random cases into {@code case-intake} as fast as the broker takes
	 * them, then one marker case per partition; done when the figures count every marker
	 * open and wanted.
	 */
	private void seed() throws Exception {
		log("Seeding: %,d random cases through case-intake", this.cases);
		long start = System.nanoTime();
		long sent = 0;
		try (KafkaIntakePublisher publisher = new KafkaIntakePublisher(this.stack.bootstrapServers(),
				this.stack.url("registry-port"), this.stack.kafkaClientProperties(AccessTokens.UPSTREAM))) {
			Traffic traffic = Traffic.random(2026, this.cases, Instant.now());
			while (traffic.hasNext()) {
				publisher.publish(traffic.next());
				sent++;
				if (sent % 1_000_000 == 0) {
					log("  %,d events published (%,d of %,d cases)", sent, traffic.done(), this.cases);
				}
			}
			for (IntakeEvent marker : markers()) {
				publisher.publish(marker);
			}
			publisher.flush();
		}
		long published = System.nanoTime();
		log("Seeding: %,d events published in %s; waiting for the figures", sent, seconds(published - start));
		long done = awaitFigures();
		log("Seeding: the figures show every event after %s", seconds(done - start));
		this.facts.put("seededCases", this.cases);
		this.facts.put("seededIntakeEvents", sent);
		this.rows.add(DecadeReport.Row.of("Seeding: intake events published, first to last", sent, "events",
				String.format(Locale.ROOT, "%.1f s", (published - start) / 1e9)));
		this.rows
			.add(DecadeReport.Row.of("Seeding: first intake event to the figures showing all", (done - start) / 1e9,
					"s", String.format(Locale.ROOT, "%,.0f events/s", sent / ((done - start) / 1e9))));
	}

	/**
	 * The history of an earlier run, read by a stack started on it: done, as after
	 * seeding, when the figures count every marker.
	 */
	private void awaitReusedHistory(long launched) throws Exception {
		long intake = endOffsets(Topics.CASE_INTAKE.name());
		log("Reused history: %,d records on case-intake; waiting for the figures", intake);
		long done = awaitFigures();
		log("Reused history: the figures show it %s after the launch", seconds(done - launched));
		this.facts.put("seededCases", this.cases);
		this.facts.put("seededIntakeEvents", intake);
		this.facts.put("reusedHistory", true);
		this.rows.add(DecadeReport.Row.of("Reused history (`-Dbench.decade.reuse`): launch to the figures showing all",
				(done - launched) / 1e9, "s",
				String.format(Locale.ROOT, "%,d intake records seeded by an earlier run", intake)));
	}

	/**
	 * Waits until the figures count every marker case, saying the lags each minute;
	 * returns when, and records the figures' totals.
	 */
	private long awaitFigures() throws Exception {
		long deadline = System.nanoTime() + Duration.ofHours(3).toNanos();
		long nextReport = System.nanoTime();
		while (!markersCounted()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the seeded history did not reach the figures within 3 hours");
			}
			if (System.nanoTime() >= nextReport) {
				log("  lag: case-service %,d on case-intake, monitoring-service %,d on case-events",
						lag("case-service", Topics.CASE_INTAKE.name()),
						lag("monitoring-service", Topics.CASE_EVENTS.name()));
				nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			}
			TimeUnit.SECONDS.sleep(2);
		}
		long done = System.nanoTime();
		JsonNode stats = stats();
		log("  the figures: %,d open cases, %,d wanted", stats.path("openCases").asLong(),
				stats.path("wanted").path("total").asLong());
		this.facts.put("openCasesAfterSeeding", stats.path("openCases").asLong());
		this.facts.put("wantedAfterSeeding", stats.path("wanted").path("total").asLong());
		return done;
	}

	/**
	 * New cases, each opened in the community and flagged by a missed reporting hearing,
	 * until the list holds the target of wanted cases.
	 */
	private void topUpWanted() throws Exception {
		long wanted = stats().path("wanted").path("total").asLong();
		long missing = this.wantedTarget - wanted;
		if (missing > 0) {
			log("Wanted list: %,d wanted; adding %,d wanted cases", wanted, missing);
			try (KafkaIntakePublisher publisher = new KafkaIntakePublisher(this.stack.bootstrapServers(),
					this.stack.url("registry-port"), this.stack.kafkaClientProperties(AccessTokens.UPSTREAM))) {
				Instant now = Instant.now();
				Region[] regions = Region.values();
				for (int i = 0; i < missing; i++) {
					CaseScript script = new CaseScript("BENCH-DECADE-WANTED-" + i);
					Instant missed = now.minus(Duration.ofDays(1 + i % 900));
					script.open(missed.minus(Duration.ofDays(40)), TOP_UP_NATIONALITY, Criminality.values()[i % 3],
							OrderType.DEPORTATION, regions[i % regions.length], Custody.IN_COMMUNITY, List.of());
					script.missUnscheduled(missed, HearingType.REPORTING, missed.minusSeconds(3600));
					for (IntakeEvent event : script.events()) {
						publisher.publish(event);
					}
				}
				publisher.flush();
			}
			long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
			while (wanted < this.wantedTarget && System.nanoTime() < deadline) {
				TimeUnit.SECONDS.sleep(2);
				wanted = stats().path("wanted").path("total").asLong();
			}
		}
		log("Wanted list: %,d wanted cases", wanted);
		this.facts.put("wantedForReads", wanted);
		this.facts.put("wantedAddedForReads", Math.max(0, missing));
	}

	/**
	 * {@code readers} clients each sending {@code GET /api/v1/wanted?region=...&size=50}
	 * (regions in turn) on the answer, after 5 s of the same unmeasured and, as the
	 * baseline, one client alone just before.
	 */
	private void readWantedList() throws Exception {
		log("Wanted list: %d readers for %d s, GET /api/v1/wanted?region=...&size=50", this.readers, this.readSeconds);
		readWanted(5, this.readers, new Latencies(), new ConcurrentHashMap<>());
		Latencies alone = new Latencies();
		readWanted(10, 1, alone, new ConcurrentHashMap<>());
		Latencies latencies = new Latencies();
		Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		readWanted(this.readSeconds, this.readers, latencies, answers);
		double seconds = (System.nanoTime() - start) / 1e9;
		Map<String, Integer> tally = new TreeMap<>();
		answers.forEach((answer, count) -> tally.put(answer, count.get()));
		log("  %s; answers %s; one reader alone: %s", latencies.summary(), tally, alone.summary());
		String level = this.readers + " readers";
		this.rows.add(DecadeReport.Row.of("Wanted list, a region's page (size 50), " + level + ": p50",
				latencies.percentileMillis(50), "ms", millis(alone.percentileMillis(50)) + " one reader alone"));
		this.rows.add(DecadeReport.Row.of("Wanted list, a region's page (size 50), " + level + ": p99",
				latencies.percentileMillis(99), "ms", millis(alone.percentileMillis(99)) + " one reader alone"));
		this.rows.add(DecadeReport.Row.of("Wanted list, a region's page (size 50), " + level + ": max",
				latencies.percentileMillis(100), "ms", ""));
		this.rows.add(DecadeReport.Row.of("Wanted list, " + level + ": answers a second", latencies.count() / seconds,
				"requests/s", ""));
		this.facts.put("wantedReaders", this.readers);
		this.facts.put("wantedReadSeconds", this.readSeconds);
		this.facts.put("wantedAnswers", tally);
	}

	private void readWanted(int seconds, int clients, Latencies latencies, Map<String, AtomicInteger> answers)
			throws InterruptedException {
		WantedReaders.read(HTTP, this.stack.url("monitoring-port"),
				this.stack.tokens(AccessTokens.OFFICER).authorization(), seconds, clients, latencies, answers,
				new AtomicLong());
	}

	/** What Kafka's ConsumerPerformance takes to read what each service reads back. */
	private Baselines baselines() throws Exception {
		KafkaBaseline kafka = new KafkaBaseline(this.stack.kafkaClientProperties("admin"));
		Pattern reporting = Pattern.compile(Topics.CASE_EVENTS.name() + "|" + Topics.WANTED_FLAGS.name());
		Pattern monitoring = Pattern.compile("monitoring-service-.*-changelog|" + Topics.WANTED_FLAGS.name());
		Pattern caseService = Pattern.compile("case-service-.*-changelog");
		Baselines baselines = new Baselines();
		for (Map.Entry<String, Pattern> reads : Map
			.of("reporting-service", reporting, "monitoring-service", monitoring, "case-service", caseService)
			.entrySet()) {
			long records = kafka.recordsIn(reads.getValue());
			log("Baseline: ConsumerPerformance over %s (%,d records)", reads.getValue(), records);
			double seconds = kafka.consumerSeconds(reads.getValue(), records);
			log("  %.1f s", seconds);
			baselines.records.put(reads.getKey(), records);
			baselines.seconds.put(reads.getKey(), seconds);
			baselines.topics.put(reads.getKey(), reads.getValue().pattern());
		}
		this.facts.put("recordsReadBack", baselines.records);
		return baselines;
	}

	/**
	 * Stops the stack, deletes the named services' state directories, starts it again on
	 * the same topics and ports; seconds from each service's process start to its
	 * readiness probe answering 200, by service.
	 */
	private Map<String, Double> restart(String what, List<String> wiped) throws Exception {
		log("Restart, %s", what);
		this.stack.terminate();
		for (String part : wiped) {
			StackProcess.deleteTree(this.dataDir.resolve("stack/state").resolve(part));
		}
		this.stack = StackProcess.start(this.jar, this.dataDir.resolve("stack"), this.ports, this.env,
				"--startup-timeout", "3600");
		Map<String, Double> ready = new LinkedHashMap<>();
		long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
		while (ready.size() < SERVICES.size()) {
			if (!this.stack.isAlive()) {
				throw new IllegalStateException("the stack exited:\n" + this.stack.output());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the services were not ready within an hour:\n" + this.stack.output());
			}
			for (String service : SERVICES) {
				if (ready.containsKey(service)) {
					continue;
				}
				Optional<Instant> processStart = this.stack.part(service).flatMap((part) -> part.info().startInstant());
				if (processStart.isPresent() && readiness(service) == 200) {
					double seconds = Duration.between(processStart.get(), Instant.now()).toMillis() / 1000.0;
					ready.put(service, seconds);
					log("  %s ready %.1f s after its process started", service, seconds);
				}
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		awaitLauncherReady();
		this.stack.tokens(AccessTokens.DASHBOARD).token();
		return ready;
	}

	private void awaitLauncherReady() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (!this.stack.output().contains("] Ready in ")) {
			if (!this.stack.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("the stack did not say it was ready:\n" + this.stack.output());
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
	}

	private void peakMemory(String when) {
		this.stack.peakResidentKib().forEach((part, kib) -> {
			log("  %s peak RSS %,d MiB (%s)", part, kib / 1024, when);
			this.rows.add(DecadeReport.Row.of("Peak RSS, " + when + ": " + part, kib / 1024.0, "MiB", ""));
		});
	}

	private void report(Baselines baselines, Map<String, Double> rebuild, Map<String, Double> restore) {
		for (String service : List.of("monitoring-service", "reporting-service")) {
			double seconds = rebuild.get(service);
			double baseline = baselines.seconds.get(service);
			this.rows.add(DecadeReport.Row.withBaseline("Rebuild from empty state, process start to ready: " + service,
					seconds, "s", baseline, String.format(Locale.ROOT, "s ConsumerPerformance over `%s` (%,d records)",
							baselines.topics.get(service), baselines.records.get(service))));
		}
		this.rows.add(DecadeReport.Row.withBaseline(
				"Restore from its changelogs after its state directory is deleted, process start to ready: case-service",
				restore.get("case-service"), "s", baselines.seconds.get("case-service"),
				String.format(Locale.ROOT, "s ConsumerPerformance over `%s` (%,d records)",
						baselines.topics.get("case-service"), baselines.records.get("case-service"))));
		this.rows.add(DecadeReport.Row.of("For scale, a start with its state kept: case-service",
				rebuild.get("case-service"), "s", "in the restart with monitoring's state deleted"));
		this.rows.add(DecadeReport.Row.of("For scale, a start with its state kept: monitoring-service",
				restore.get("monitoring-service"), "s", "in the restart with case-service's state deleted"));
		this.rows.add(DecadeReport.Row.of("reporting-service again (it always reads both topics in full)",
				restore.get("reporting-service"), "s", "in the restart with case-service's state deleted"));
		this.facts.put("restartWithMonitoringStateDeleted", rebuild);
		this.facts.put("restartWithCaseServiceStateDeleted", restore);
	}

	/** One marker case per partition, opened and flagged, in the marker nationality. */
	private static List<IntakeEvent> markers() {
		List<IntakeEvent> markers = new ArrayList<>();
		Set<Integer> partitions = new HashSet<>();
		Instant now = Instant.now();
		for (int i = 0; partitions.size() < Topics.CASE_PARTITIONS; i++) {
			String caseId = "BENCH-DECADE-MARKER-" + i;
			int partition = Utils.toPositive(Utils.murmur2(caseId.getBytes(StandardCharsets.UTF_8)))
					% Topics.CASE_PARTITIONS;
			if (partitions.add(partition)) {
				CaseScript script = new CaseScript(caseId);
				script.open(now.minusSeconds(60), MARKER_NATIONALITY, Criminality.NONE, OrderType.DEPARTURE,
						Region.ATLANTIC, Custody.IN_COMMUNITY, List.of());
				script.missUnscheduled(now.minusSeconds(30), HearingType.REPORTING, now.minusSeconds(40));
				markers.addAll(script.events());
			}
		}
		return markers;
	}

	private boolean markersCounted() throws Exception {
		JsonNode counts = stats().path("byNationality").path(MARKER_NATIONALITY);
		return counts.path("open").asInt() == Topics.CASE_PARTITIONS
				&& counts.path("wanted").asInt() == Topics.CASE_PARTITIONS;
	}

	private JsonNode stats() throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(this.stack.url("reporting-port") + "/api/v1/stats"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", this.stack.tokens(AccessTokens.DASHBOARD).authorization())
				.build(), HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? JSON.readTree(response.body()) : JSON.createObjectNode();
	}

	/** The service's readiness probe (anonymous): its status, -1 for no answer. */
	private int readiness(String service) {
		String option = service.replace("-service", "") + "-port";
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(this.stack.url(option) + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * How far a consumer group is behind the end of a case topic, over its partitions.
	 */
	private long lag(String group, String topic) {
		try (Admin admin = Admin.create(this.stack.kafkaClientProperties("admin"))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			long lag = 0;
			for (var end : endOffsets(admin, topic).entrySet()) {
				OffsetAndMetadata offset = committed.get(end.getKey());
				lag += end.getValue() - ((offset == null) ? 0 : offset.offset());
			}
			return lag;
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** The records a case topic holds, over its partitions. */
	private long endOffsets(String topic) throws Exception {
		try (Admin admin = Admin.create(this.stack.kafkaClientProperties("admin"))) {
			return endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		for (int p = 0; p < Topics.CASE_PARTITIONS; p++) {
			request.put(new TopicPartition(topic, p), OffsetSpec.latest());
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(request)
			.all()
			.get(30, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	private static String millis(double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f ms", value);
	}

	private void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[%s] %s%n", elapsed(), String.format(Locale.ROOT, format, args));
	}

	private String elapsed() {
		return seconds(System.nanoTime() - this.started);
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
	}

	/** ConsumerPerformance's time over what each service reads back, by service. */
	private static final class Baselines {

		final Map<String, Long> records = new TreeMap<>();

		final Map<String, Double> seconds = new TreeMap<>();

		final Map<String, String> topics = new TreeMap<>();

	}

}
