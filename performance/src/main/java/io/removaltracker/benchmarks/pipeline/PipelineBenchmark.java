package io.removaltracker.benchmarks.pipeline;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.removaltracker.simulator.IntakeEventJson;
import io.removaltracker.simulator.KafkaIntakePublisher;
import io.removaltracker.simulator.RandomTraffic;
import io.removaltracker.simulator.Replay;
import io.removaltracker.simulator.Traffic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Starts the local stack and measures the pipeline against the machine's own Kafka
 * limits, in one run; writes the table into BENCHMARKS.md and a JSON copy. Nothing here
 * passes or fails on a number. Settings (system properties): {@code bench.events}
 * (100,000; 1,000,000 for the recorded run), {@code bench.openCases} (half the events),
 * {@code bench.httpSeconds} (10), {@code bench.noShows} (40),
 * {@code bench.backgroundRate} (1,000 events/s), {@code bench.profile} (false: true
 * records every part with JFR into the data directory).
 */
public final class PipelineBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final long events = Long.getLong("bench.events", 100_000);

	private final long openCasesTarget = Long.getLong("bench.openCases", this.events / 2);

	private final int httpSeconds = Integer.getInteger("bench.httpSeconds", 10);

	private final int noShows = Integer.getInteger("bench.noShows", 40);

	private final int backgroundRate = Integer.getInteger("bench.backgroundRate", 1000);

	private final boolean profile = Boolean.getBoolean("bench.profile");

	private final Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();

	private final Path dataDir = this.root.resolve("performance/target/bench-data");

	private final List<Figure> figures = new ArrayList<>();

	private final Map<String, Object> extra = new java.util.LinkedHashMap<>();

	private final long started = System.nanoTime();

	private StackProcess stack;

	public static void main(String[] args) throws Exception {
		new PipelineBenchmark().run();
		System.exit(0);
	}

	private void run() throws Exception {
		Files.createDirectories(this.dataDir.getParent());
		try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(
				this.dataDir.resolveSibling("bench-data.lock"), java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.WRITE); var lock = lockFile.tryLock()) {
			if (lock == null) {
				throw new IllegalStateException("another benchmark is running on " + this.dataDir + "; wait for it");
			}
			measure();
		}
	}

	private void measure() throws Exception {
		log("Pipeline benchmark: %,d events, %,d open cases for memory, HTTP %d s per level", this.events,
				this.openCasesTarget, this.httpSeconds);
		StackProcess.freshDataDir(this.dataDir);
		Map<String, String> env = new HashMap<>();
		// The benchmark measures how fast intake can go: its one upstream client is not
		// held to a real upstream system's rate limit (the parts inherit this
		// environment).
		env.put("CASESERVICE_INTAKE_RATELIMIT_EVENTSPERSECOND", "1000000");
		env.put("CASESERVICE_INTAKE_RATELIMIT_BURST", "1000000");
		if (this.profile) {
			Path recordings = Files.createDirectories(this.dataDir.resolve("jfr"));
			env.put("LOCAL_STACK_JAVA_OPTS",
					"-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recordings + "/");
		}
		Map<String, Integer> ports = StackProcess.freePorts();
		this.stack = StackProcess
			.start(this.root.resolve("local-stack/target/local-stack.jar"), this.dataDir.resolve("stack"), ports, env)
			.awaitReady();
		try {
			// The first token of each client is asked for now, outside every measurement.
			List.of(AccessTokens.UPSTREAM, AccessTokens.OFFICER, AccessTokens.DASHBOARD)
				.forEach((client) -> this.stack.tokens(client).token());
			pipeline();
			httpIntake();
			noShowLatency();
			memory();
			rebuild(ports, env);
			baseline();
		}
		finally {
			this.stack.close();
		}
		Report report = new Report(this.figures, this.extra, this.events);
		report.write(this.root.resolve("BENCHMARKS.md"), this.root.resolve("performance/results/pipeline.json"));
		log("Done in %s; report in BENCHMARKS.md and performance/results/pipeline.json", elapsed());
	}

	/**
	 * N events into case-intake as fast as the broker takes them, until the stats show
	 * all.
	 */
	private void pipeline() throws Exception {
		// Sized before the clock starts: the cases that make the events, counted from the
		// generator.
		Instant end = Instant.now();
		int cases = TrafficSize.casesFor(42, this.events, end);
		this.extra.put("pipelineCases", cases);
		log("Pipeline: publishing %,d events to case-intake (%,d random cases, %.2f events a case)", this.events, cases,
				(double) this.events / cases);
		Stages stages = new Stages(this.stack.kafkaClientProperties("admin"));
		long start = System.nanoTime();
		long sent;
		try (KafkaIntakePublisher publisher = new KafkaIntakePublisher(this.stack.bootstrapServers(),
				this.stack.url("registry-port"), this.stack.kafkaClientProperties(AccessTokens.UPSTREAM))) {
			Traffic traffic = Traffic.random(42, cases, end);
			sent = 0;
			while (sent < this.events && traffic.hasNext()) {
				publisher.publish(traffic.next());
				sent++;
			}
			for (IntakeEvent marker : markers("BENCH-ZZB-", "ZZB")) {
				publisher.publish(marker);
			}
			publisher.flush();
		}
		long published = System.nanoTime();
		log("Pipeline: %,d events published in %s; waiting for the figures", sent, seconds(published - start));
		long caseDone = 0;
		long monitoringDone = 0;
		long reportingDone = 0;
		long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
		while (reportingDone == 0 || caseDone == 0 || monitoringDone == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the pipeline did not finish within 30 minutes");
			}
			long now = System.nanoTime();
			if (caseDone == 0 && stages.caughtUp("case-service", Topics.CASE_INTAKE.name(), 0)) {
				caseDone = now;
				log("  case-service caught up at %s", seconds(now - start));
			}
			if (monitoringDone == 0 && caseDone != 0
					&& stages.caughtUp("monitoring-service", Topics.CASE_EVENTS.name(), 1)) {
				monitoringDone = now;
				log("  monitoring-service caught up at %s", seconds(now - start));
			}
			if (reportingDone == 0 && markersCounted("ZZB")) {
				reportingDone = now;
				log("  reporting-service shows every event at %s", seconds(now - start));
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		stages.close();
		double publishRate = sent / ((published - start) / 1e9);
		this.figures
			.add(Figure.of("Intake publishing (simulator to case-intake, Avro, acks=all)", publishRate, "events/s"));
		this.figures.add(Figure.of("Pipeline end to end: first intake record to GET /api/v1/stats showing all",
				sent / ((reportingDone - start) / 1e9), "events/s"));
		this.figures
			.add(Figure.of("  case-service stage (intake lag 0)", sent / ((caseDone - start) / 1e9), "events/s"));
		this.figures.add(Figure.of("  monitoring-service stage (case-events lag 0)",
				sent / ((monitoringDone - start) / 1e9), "events/s"));
		this.extra.put("pipelineEvents", sent);
	}

	/**
	 * HTTP intake at several concurrency levels, each for a fixed time, new cases in
	 * order per client.
	 */
	private void httpIntake() throws Exception {
		for (int clients : List.of(1, 16, 64, 256)) {
			log("HTTP intake: %d client(s) for %d s", clients, this.httpSeconds);
			Latencies latencies = new Latencies();
			AtomicLong accepted = new AtomicLong();
			AtomicLong refused = new AtomicLong();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.httpSeconds);
			List<Thread> threads = new ArrayList<>();
			long start = System.nanoTime();
			for (int i = 0; i < clients; i++) {
				long seed = clients * 10_000L + i;
				Thread thread = new Thread(() -> {
					Iterator<List<IntakeEvent>> cases = new RandomTraffic(seed, Integer.MAX_VALUE, Instant.now());
					while (System.nanoTime() < deadline) {
						for (IntakeEvent event : cases.next()) {
							long sent = System.nanoTime();
							int status = post(this.stack.url("case-port"), IntakeEventJson.write(event));
							if (status == 201 || status == 200) {
								latencies.add(System.nanoTime() - sent);
								accepted.incrementAndGet();
							}
							else {
								refused.incrementAndGet();
							}
						}
					}
				});
				thread.start();
				threads.add(thread);
			}
			for (Thread thread : threads) {
				thread.join();
			}
			double rate = accepted.get() / ((System.nanoTime() - start) / 1e9);
			log("  %,.0f accepted events/s, %s, %d refused", rate, latencies.summary(), refused.get());
			String level = clients + (clients == 1 ? " client" : " clients");
			this.figures.add(Figure.of("HTTP intake, " + level + ": accepted", rate, "events/s"));
			this.figures.add(Figure.of("HTTP intake, " + level + ": p50", latencies.percentileMillis(50), "ms"));
			this.figures.add(Figure.of("HTTP intake, " + level + ": p95", latencies.percentileMillis(95), "ms"));
			this.figures.add(Figure.of("HTTP intake, " + level + ": p99", latencies.percentileMillis(99), "ms"));
			this.figures.add(Figure.of("HTTP intake, " + level + ": max", latencies.percentileMillis(100), "ms"));
		}
	}

	/**
	 * HEARING_MISSED accepted over HTTP to its flag in the wanted list and to the SSE
	 * stats update, while random traffic runs in the background.
	 */
	private void noShowLatency() throws Exception {
		log("No-show latency: %d probes at a background load of %,d events/s", this.noShows, this.backgroundRate);
		KafkaIntakePublisher background = new KafkaIntakePublisher(this.stack.bootstrapServers(),
				this.stack.url("registry-port"), this.stack.kafkaClientProperties(AccessTokens.UPSTREAM));
		Thread load = new Thread(() -> {
			try {
				Replay.run(Traffic.random(7, 10_000_000, Instant.now()), background, this.backgroundRate, null);
			}
			catch (InterruptedException | RuntimeException ex) {
				// Stopped at the end of the probes.
			}
		});
		load.start();
		List<long[]> updates = new CopyOnWriteArrayList<>();
		Thread sse = new Thread(() -> readStatsStream("ZZN", updates));
		sse.setDaemon(true);
		sse.start();
		Latencies toFlag = new Latencies();
		Latencies toStream = new Latencies();
		String caseUrl = this.stack.url("case-port");
		String wantedUrl = this.stack.url("monitoring-port") + "/api/v1/wanted/";
		TimeUnit.SECONDS.sleep(3);
		for (int i = 1; i <= this.noShows; i++) {
			CaseScript probe = new CaseScript("BENCH-NOSHOW-" + i);
			Instant now = Instant.now();
			probe.open(now.minusSeconds(60), "ZZN", Criminality.SERIOUS, OrderType.DEPORTATION, Region.PACIFIC,
					Custody.IN_COMMUNITY, List.of());
			probe.missUnscheduled(now.minusSeconds(1), HearingType.REPORTING, now.minusSeconds(3600));
			requireStatus(201, post(caseUrl, IntakeEventJson.write(probe.events().get(0))));
			TimeUnit.MILLISECONDS.sleep(100);
			requireStatus(201, post(caseUrl, IntakeEventJson.write(probe.events().get(1))));
			long accepted = System.nanoTime();
			while (getWanted(wantedUrl + probe.caseId()) != 200) {
				TimeUnit.MILLISECONDS.sleep(2);
			}
			toFlag.add(System.nanoTime() - accepted);
			long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			Long seen = null;
			while (seen == null && System.nanoTime() < giveUp) {
				for (long[] update : updates) {
					if (update[1] >= i) {
						seen = update[0];
						break;
					}
				}
				TimeUnit.MILLISECONDS.sleep(5);
			}
			if (seen != null) {
				toStream.add(Math.max(0, seen - accepted));
			}
			TimeUnit.MILLISECONDS.sleep(300 + (i * 97) % 400);
		}
		load.interrupt();
		background.close();
		load.join(10_000);
		log("  to the wanted list: %s", toFlag.summary());
		log("  to the SSE stats: %s", toStream.summary());
		this.figures
			.add(Figure.of("No-show to flag in GET /api/v1/wanted/{caseId}, p50", toFlag.percentileMillis(50), "ms"));
		this.figures
			.add(Figure.of("No-show to flag in GET /api/v1/wanted/{caseId}, p99", toFlag.percentileMillis(99), "ms"));
		this.figures.add(Figure.of("No-show to SSE stats update, p50", toStream.percentileMillis(50), "ms"));
		this.figures.add(Figure.of("No-show to SSE stats update, p99", toStream.percentileMillis(99), "ms"));
	}

	/**
	 * Fills up to the open-case target with new cases, then reads each process's peak
	 * memory.
	 */
	private void memory() throws Exception {
		long open = stats().get("openCases").asLong();
		long missing = this.openCasesTarget - open;
		if (missing > 0) {
			log("Memory: %,d cases open; opening %,d more", open, missing);
			try (KafkaIntakePublisher publisher = new KafkaIntakePublisher(this.stack.bootstrapServers(),
					this.stack.url("registry-port"), this.stack.kafkaClientProperties(AccessTokens.UPSTREAM))) {
				Instant at = Instant.now().minus(Duration.ofDays(30));
				for (long i = 0; i < missing; i++) {
					CaseScript script = new CaseScript("BENCH-OPEN-" + i);
					script.open(at, "UNKNOWN", Criminality.CRIMINAL, OrderType.DEPORTATION, Region.QUEBEC,
							Custody.IN_PRISON, List.of());
					publisher.publish(script.events().get(0));
				}
				publisher.flush();
			}
			long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
			while (stats().get("openCases").asLong() < this.openCasesTarget && System.nanoTime() < deadline) {
				TimeUnit.SECONDS.sleep(1);
			}
		}
		long nowOpen = stats().get("openCases").asLong();
		this.stack.peakResidentKib().forEach((part, kib) -> {
			log("  %s peak RSS %,d MiB", part, kib / 1024);
			this.figures
				.add(Figure.of("Peak RSS at " + String.format(Locale.ROOT, "%,d", nowOpen) + " open cases: " + part,
						kib / 1024.0, "MiB"));
		});
		this.extra.put("openCasesForMemory", nowOpen);
	}

	/** Stops the stack, drops monitoring's local state, starts again: time to ready. */
	private void rebuild(Map<String, Integer> ports, Map<String, String> env) throws Exception {
		long caseEvents = endOffsets(Topics.CASE_EVENTS.name());
		long flags = endOffsets(Topics.WANTED_FLAGS.name());
		log("Rebuild: %,d records on case-events, %,d on wanted-flags; restarting with monitoring's state deleted",
				caseEvents, flags);
		this.stack.terminate();
		StackProcess.deleteTree(this.dataDir.resolve("stack/state/monitoring-service"));
		this.stack = StackProcess
			.start(this.root.resolve("local-stack/target/local-stack.jar"), this.dataDir.resolve("stack"), ports, env)
			.awaitReady();
		for (String part : List.of("monitoring-service", "reporting-service")) {
			String line = this.stack.output()
				.lines()
				.filter((text) -> text.contains("] " + part + " ready"))
				.findFirst()
				.orElseThrow();
			double seconds = Double.parseDouble(line.replaceAll("^\\[\\s*([0-9.]+)s\\].*", "$1"));
			log("  %s ready %.1f s after the launch", part, seconds);
			this.figures
				.add(new Figure("Rebuild from empty state, launch to ready: " + part, seconds, "s", Double.NaN, ""));
		}
		this.extra.put("rebuildCaseEvents", caseEvents);
		this.extra.put("rebuildWantedFlags", flags);
	}

	/** Kafka's own tools and a one-record round trip against the same broker. */
	private void baseline() throws Exception {
		KafkaBaseline kafka = new KafkaBaseline(this.stack.kafkaClientProperties("admin"));
		int size = (int) Math.round(kafka.averageValueSize(Topics.CASE_EVENTS.name()));
		long records = Math.max(100_000, this.events);
		log("Baseline: ProducerPerformance and ConsumerPerformance, %,d records of %d B", records, size);
		kafka.createTopic("bench-baseline", Topics.CASE_PARTITIONS);
		double produce = kafka.producerRecordsPerSecond("bench-baseline", records, size);
		double consume = kafka.consumerRecordsPerSecond("bench-baseline", records);
		kafka.createTopic("bench-round-trip", 1);
		Latencies roundTrip = kafka.roundTrips("bench-round-trip", 300);
		log("  producer %,.0f records/s, consumer %,.0f records/s, round trip %s", produce, consume,
				roundTrip.summary());
		this.extra.put("canonicalEventBytes", size);
		this.extra.put("baselineRecords", records);
		List<Figure> measured = new ArrayList<>(this.figures);
		this.figures.clear();
		this.figures
			.add(Figure.of("Baseline: ProducerPerformance, " + size + " B records, acks=all", produce, "records/s"));
		this.figures.add(Figure.of("Baseline: ConsumerPerformance, same records", consume, "records/s"));
		this.figures
			.add(Figure.of("Baseline: one record producer to consumer, p50", roundTrip.percentileMillis(50), "ms"));
		this.figures
			.add(Figure.of("Baseline: one record producer to consumer, p99", roundTrip.percentileMillis(99), "ms"));
		for (Figure figure : measured) {
			this.figures.add(withBaseline(figure, produce, consume, roundTrip));
		}
	}

	private Figure withBaseline(Figure figure, double produce, double consume, Latencies roundTrip) {
		String name = figure.name();
		if (figure.unit().equals("events/s")) {
			return new Figure(name, figure.value(), figure.unit(), produce, "producer records/s");
		}
		if (name.startsWith("No-show") || name.startsWith("HTTP")) {
			int percentile = name.endsWith("p50") ? 50 : 99;
			return new Figure(name, figure.value(), figure.unit(), roundTrip.percentileMillis(percentile),
					"ms round trip p" + percentile);
		}
		if (name.startsWith("Rebuild")) {
			long records = ((Number) this.extra.get("rebuildCaseEvents")).longValue();
			return new Figure(name, figure.value(), figure.unit(), records / consume, "s to consume case-events");
		}
		return figure;
	}

	private List<IntakeEvent> markers(String prefix, String nationality) {
		List<IntakeEvent> markers = new ArrayList<>();
		Set<Integer> partitions = new HashSet<>();
		Instant now = Instant.now();
		for (int i = 0; partitions.size() < Topics.CASE_PARTITIONS; i++) {
			String caseId = prefix + i;
			int partition = Utils.toPositive(Utils.murmur2(caseId.getBytes(StandardCharsets.UTF_8)))
					% Topics.CASE_PARTITIONS;
			if (partitions.add(partition)) {
				CaseScript script = new CaseScript(caseId);
				script.open(now.minusSeconds(60), nationality, Criminality.NONE, OrderType.DEPARTURE, Region.ATLANTIC,
						Custody.IN_COMMUNITY, List.of());
				script.missUnscheduled(now.minusSeconds(30), HearingType.REPORTING, now.minusSeconds(40));
				markers.addAll(script.events());
			}
		}
		return markers;
	}

	private boolean markersCounted(String nationality) throws Exception {
		JsonNode stats = stats();
		JsonNode counts = stats.path("byNationality").path(nationality);
		return counts.path("open").asInt() == Topics.CASE_PARTITIONS
				&& counts.path("wanted").asInt() == Topics.CASE_PARTITIONS;
	}

	private JsonNode stats() throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(this.stack.url("reporting-port") + "/api/v1/stats"))
				.header("Authorization", this.stack.tokens(AccessTokens.DASHBOARD).authorization())
				.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

	/**
	 * Records (arrival time, wanted count of the nationality) for each SSE stats event.
	 */
	private void readStatsStream(String nationality, List<long[]> updates) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.stack.url("reporting-port") + "/api/v1/stats/stream"))
			.header("Accept", "text/event-stream")
			.header("Authorization", this.stack.tokens(AccessTokens.DASHBOARD).authorization())
			.build();
		try {
			HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("data:")) {
						long at = System.nanoTime();
						JsonNode stats = JSON.readTree(line.substring(5));
						updates.add(new long[] { at,
								stats.path("byNationality").path(nationality).path("wanted").asLong() });
					}
				}
			}
		}
		catch (Exception ex) {
			// The stack stopped.
		}
	}

	private long endOffsets(String topic) throws Exception {
		try (Stages stages = new Stages(this.stack.kafkaClientProperties("admin"))) {
			return stages.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/**
	 * An event sent with the upstream client's token: the answer's status, -1 for none.
	 */
	private int post(String caseServiceUrl, String json) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(caseServiceUrl + "/api/v1/events"))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.header("Authorization", this.stack.tokens(AccessTokens.UPSTREAM).authorization())
					.POST(HttpRequest.BodyPublishers.ofString(json))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/**
	 * A GET on the wanted list with the officer client's token: the status, -1 for none.
	 */
	private int getWanted(String url) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url))
					.header("Authorization", this.stack.tokens(AccessTokens.OFFICER).authorization())
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private static void requireStatus(int expected, int actual) {
		if (expected != actual) {
			throw new IllegalStateException("expected HTTP " + expected + ", got " + actual);
		}
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

	/**
	 * Whether a consumer group has read a topic to its end, within {@code slack} per
	 * partition.
	 */
	private static final class Stages implements AutoCloseable {

		private final Admin admin;

		/**
		 * @param client the stack's admin: it reads every group's offsets
		 */
		Stages(Map<String, Object> client) {
			this.admin = Admin.create(client);
		}

		boolean caughtUp(String group, String topic, long slack) throws Exception {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			for (var entry : endOffsets(topic).entrySet()) {
				OffsetAndMetadata offset = committed.get(entry.getKey());
				long position = (offset == null) ? 0 : offset.offset();
				if (entry.getValue() - position > slack) {
					return false;
				}
			}
			return true;
		}

		/** The end offset of each partition of a case topic. */
		Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
			Map<TopicPartition, OffsetSpec> request = new HashMap<>();
			for (int p = 0; p < Topics.CASE_PARTITIONS; p++) {
				request.put(new TopicPartition(topic, p), OffsetSpec.latest());
			}
			Map<TopicPartition, Long> ends = new HashMap<>();
			this.admin.listOffsets(request)
				.all()
				.get()
				.forEach((partition, info) -> ends.put(partition, info.offset()));
			return ends;
		}

		@Override
		public void close() {
			this.admin.close();
		}

	}

}
