package io.removaltracker.benchmarks.exhaustion;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.benchmarks.pipeline.Latencies;
import io.removaltracker.benchmarks.pipeline.WantedReaders;
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
import io.removaltracker.simulator.Replay;
import io.removaltracker.simulator.Traffic;

/**
 * Starts the local stack and measures what slow clients of the live stream and a crowd of
 * wanted-list readers cost the services, against the same figures taken just before in
 * the same run; writes a section of BENCHMARKS.md and a JSON copy. Nothing here passes or
 * fails on a number. Settings (system properties): {@code bench.sseClients} (2,000),
 * {@code bench.streamMaxClients} (reporting's stream caps for the run: the larger of
 * 3,000 and the clients plus 1,000), {@code bench.probeSeconds} (30),
 * {@code bench.probeRate} (5 requests/s to each probed endpoint),
 * {@code bench.trafficRate} (200 intake events/s all along), {@code bench.wantedCases}
 * (50,000), {@code bench.wantedClients} (200), {@code bench.wantedSeconds} (15).
 */
public final class ExhaustionBenchmark {

	/** The nationality of the benchmark's own wanted cases, to count them apart. */
	private static final String WANTED_NATIONALITY = "ZZW";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final int sseClients = Integer.getInteger("bench.sseClients", 2000);

	private final int streamMaxClients = Integer.getInteger("bench.streamMaxClients",
			Math.max(3000, this.sseClients + 1000));

	private final int probeSeconds = Integer.getInteger("bench.probeSeconds", 30);

	private final int probeRate = Integer.getInteger("bench.probeRate", 5);

	private final int trafficRate = Integer.getInteger("bench.trafficRate", 200);

	private final int wantedCases = Integer.getInteger("bench.wantedCases", 50_000);

	private final int wantedClients = Integer.getInteger("bench.wantedClients", 200);

	private final int wantedSeconds = Integer.getInteger("bench.wantedSeconds", 15);

	private final Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();

	private final Path dataDir = this.root.resolve("performance/target/exhaustion-data");

	private final Map<String, Object> facts = new LinkedHashMap<>();

	private final List<String[]> streamRows = new ArrayList<>();

	private final List<String[]> wantedRows = new ArrayList<>();

	private final long started = System.nanoTime();

	private StackProcess stack;

	private CaseStatsGaps gaps;

	public static void main(String[] args) throws Exception {
		new ExhaustionBenchmark().run();
		System.exit(0);
	}

	private void run() throws Exception {
		Path benchTarget = Files.createDirectories(this.dataDir.getParent());
		// The pipeline benchmark's lock: two benchmarks at once measure each other.
		try (FileChannel lockFile = FileChannel.open(benchTarget.resolve("bench-data.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); var lock = lockFile.tryLock()) {
			if (lock == null) {
				throw new IllegalStateException("another benchmark is running in " + benchTarget + "; wait for it");
			}
			measure();
		}
	}

	private void measure() throws Exception {
		log("Exhaustion benchmark: %,d slow stream clients (stream caps %,d), %,d wanted cases, %d wanted-list readers",
				this.sseClients, this.streamMaxClients, this.wantedCases, this.wantedClients);
		StackProcess.freshDataDir(this.dataDir);
		Map<String, String> env = new HashMap<>();
		// The parts inherit the launcher's environment. The stream caps are raised so the
		// slow clients are held, not refused: the run measures what holding them costs.
		// Every stream holds a connection, so Tomcat's connection cap goes up with them
		// (this one setting reaches every service of the stack).
		env.put("REPORTINGSERVICE_STREAM_MAXCLIENTS", String.valueOf(this.streamMaxClients));
		env.put("REPORTINGSERVICE_STREAM_MAXCLIENTSPERPRINCIPAL", String.valueOf(this.streamMaxClients));
		env.put("SERVER_TOMCAT_MAXCONNECTIONS", String.valueOf(this.streamMaxClients + 500));
		env.put("CASESERVICE_INTAKE_RATELIMIT_EVENTSPERSECOND", "1000000");
		env.put("CASESERVICE_INTAKE_RATELIMIT_BURST", "1000000");
		this.stack = StackProcess
			.start(this.root.resolve("local-stack/target/local-stack.jar"), this.dataDir.resolve("stack"),
					StackProcess.freePorts(), env)
			.awaitReady();
		Thread traffic = null;
		KafkaIntakePublisher background = null;
		try {
			List.of(AccessTokens.UPSTREAM, AccessTokens.OFFICER, AccessTokens.DASHBOARD, AccessTokens.METRICS)
				.forEach((client) -> this.stack.tokens(client).token());
			this.gaps = new CaseStatsGaps(this.stack.kafkaClientProperties("admin"));
			background = new KafkaIntakePublisher(this.stack.bootstrapServers(), this.stack.url("registry-port"),
					this.stack.kafkaClientProperties(AccessTokens.UPSTREAM));
			traffic = steadyTraffic(background);
			awaitFigures();
			streams();
			wantedList();
		}
		finally {
			if (traffic != null) {
				traffic.interrupt();
				traffic.join(10_000);
			}
			if (background != null) {
				background.close();
			}
			if (this.gaps != null) {
				this.gaps.close();
			}
			this.stack.close();
		}
		new ExhaustionReport(this.facts, this.streamRows, this.wantedRows).write(this.root.resolve("BENCHMARKS.md"),
				this.root.resolve("performance/results/exhaustion.json"));
		log("Done in %s; report in BENCHMARKS.md and performance/results/exhaustion.json", elapsed());
	}

	/** Random intake at a steady rate for the whole run, so the figures keep changing. */
	private Thread steadyTraffic(KafkaIntakePublisher publisher) {
		log("Traffic: random intake at %,d events/s for the whole run", this.trafficRate);
		Thread load = new Thread(() -> {
			try {
				Replay.run(Traffic.random(11, 10_000_000, Instant.now()), publisher, this.trafficRate, null);
			}
			catch (InterruptedException | RuntimeException ex) {
				// Stopped at the end of the run.
			}
		}, "steady-traffic");
		load.setDaemon(true);
		load.start();
		this.facts.put("trafficEventsPerSecond", this.trafficRate);
		return load;
	}

	private void awaitFigures() throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (stats().path("openCases").asLong() == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("reporting-service showed no open case within 3 minutes");
			}
			TimeUnit.SECONDS.sleep(1);
		}
		// A few publications before the baseline starts.
		TimeUnit.SECONDS.sleep(5);
	}

	/**
	 * The baseline window with no stream client, then the same window with every slow
	 * client open.
	 */
	private void streams() throws Exception {
		long pid = this.stack.part("reporting-service").orElseThrow().pid();
		// Unmeasured: the first requests of a fresh JVM measure its compiler, not the
		// service.
		log("Warm-up: probes for 10 s, not counted");
		window(pid, 10);
		log("Baseline: probes for %d s with no stream client", this.probeSeconds);
		Window baseline = window(pid);
		log("  %s", baseline);
		log("Opening %,d slow stream clients", this.sseClients);
		long openStart = System.nanoTime();
		SlowStreamClients clients = new SlowStreamClients("127.0.0.1", port("reporting-port"),
				this.stack.tokens(AccessTokens.DASHBOARD).authorization(), this.sseClients);
		Window during;
		double openSeconds;
		try {
			clients.open();
			openSeconds = (System.nanoTime() - openStart) / 1e9;
			log("  opened in %.1f s: %s", openSeconds, clients.outcomes());
			log("Probes for %d s with the stream clients open", this.probeSeconds);
			during = window(pid);
			log("  %s", during);
		}
		finally {
			clients.close();
		}
		log("  after closing: %,d still open, %,d ended by the service", clients.stillOpen(),
				clients.closedByService());
		row("readiness probe (`/actuator/health/readiness`, anonymous, new connection each), p50", baseline.health,
				during.health, 50);
		row("readiness probe, p99", baseline.health, during.health, 99);
		row("readiness probe, max", baseline.health, during.health, 100);
		this.streamRows.add(new String[] { "readiness probe, samples / errors",
				baseline.health.count() + " / " + baseline.healthErrors,
				during.health.count() + " / " + during.healthErrors });
		row("`GET /api/v1/stats` (dashboard token, new connection each), p50", baseline.stats, during.stats, 50);
		row("`GET /api/v1/stats`, p99", baseline.stats, during.stats, 99);
		row("`GET /api/v1/stats`, max", baseline.stats, during.stats, 100);
		this.streamRows.add(new String[] { "`GET /api/v1/stats`, samples / errors",
				baseline.stats.count() + " / " + baseline.statsErrors,
				during.stats.count() + " / " + during.statsErrors });
		this.streamRows.add(new String[] { "`case-stats` records written in the window",
				String.valueOf(baseline.caseStatsRecords), String.valueOf(during.caseStatsRecords) });
		this.streamRows.add(new String[] { "gap between `case-stats` records, p99",
				CaseStatsGaps.percentile(baseline.gaps, 99) + " ms",
				CaseStatsGaps.percentile(during.gaps, 99) + " ms" });
		this.streamRows.add(new String[] { "gap between `case-stats` records, max",
				CaseStatsGaps.percentile(baseline.gaps, 100) + " ms",
				CaseStatsGaps.percentile(during.gaps, 100) + " ms" });
		this.streamRows.add(new String[] { "reporting-service resident memory (VmRSS) at the window's end",
				mib(baseline.rssKib), mib(during.rssKib) });
		this.streamRows.add(new String[] { "reporting-service peak resident memory so far (VmHWM)",
				mib(baseline.hwmKib), mib(during.hwmKib) });
		this.streamRows.add(new String[] { "stream clients opened / answered 200", "0 / 0", String.format(Locale.ROOT,
				"%,d / %,d (all answers: %s)", this.sseClients, clients.accepted(), clients.outcomes()) });
		this.streamRows.add(new String[] { "time to open every stream client (32 at a time)", "",
				String.format(Locale.ROOT, "%.1f s", openSeconds) });
		this.streamRows.add(new String[] {
				"streams open as reporting-service counts them (`stats_stream_clients`) at the window's end",
				metric(baseline, "stats_stream_clients"), metric(during, "stats_stream_clients") });
		this.streamRows.add(new String[] {
				"streams reporting-service ended as slow (`stats_stream_closed_total`, reason `slow`) so far",
				metric(baseline, "stats_stream_closed_total{slow}"),
				metric(during, "stats_stream_closed_total{slow}") });
		this.streamRows.add(new String[] { "accepted streams found ended by the service when the clients closed", "",
				String.valueOf(clients.closedByService()) });
		this.facts.put("sseClients", this.sseClients);
		this.facts.put("streamMaxClients", this.streamMaxClients);
		this.facts.put("tomcatMaxConnections", this.streamMaxClients + 500);
		this.facts.put("streamOutcomes", clients.outcomes());
		this.facts.put("streamMetricsBaseline", baseline.streamMetrics);
		this.facts.put("streamMetricsDuring", during.streamMetrics);
		this.facts.put("streamsEndedByService", clients.closedByService());
		this.facts.put("streamsStillOpenAtClose", clients.stillOpen());
		this.facts.put("probeSeconds", this.probeSeconds);
		this.facts.put("probeRequestsPerSecond", this.probeRate);
	}

	private static String metric(Window window, String name) {
		Double value = window.streamMetrics.get(name);
		return (value == null) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
	}

	private void row(String name, Latencies baseline, Latencies during, double percent) {
		this.streamRows.add(new String[] { name, millis(baseline.percentileMillis(percent)),
				millis(during.percentileMillis(percent)) });
	}

	/**
	 * Readiness and stats probes at a steady rate for the window, the case-stats gaps and
	 * reporting-service's memory.
	 */
	private Window window(long pid) throws Exception {
		return window(pid, this.probeSeconds);
	}

	private Window window(long pid, int seconds) throws Exception {
		Window window = new Window();
		long from = System.currentTimeMillis();
		String authorization = this.stack.tokens(AccessTokens.DASHBOARD).authorization();
		int port = port("reporting-port");
		AtomicInteger healthErrors = new AtomicInteger();
		AtomicInteger statsErrors = new AtomicInteger();
		Thread health = probe(port, "/actuator/health/readiness", null, window.health, healthErrors, seconds);
		Thread stats = probe(port, "/api/v1/stats", authorization, window.stats, statsErrors, seconds);
		health.join();
		stats.join();
		long to = System.currentTimeMillis();
		window.healthErrors = healthErrors.get();
		window.statsErrors = statsErrors.get();
		window.gaps = this.gaps.gapsMillis(from, to);
		window.caseStatsRecords = this.gaps.records(from, to);
		window.streamMetrics = streamMetrics();
		window.rssKib = procStatus(pid, "VmRSS");
		window.hwmKib = procStatus(pid, "VmHWM");
		return window;
	}

	private Thread probe(int port, String path, String authorization, Latencies latencies, AtomicInteger errors,
			int seconds) {
		long periodNanos = TimeUnit.SECONDS.toNanos(1) / this.probeRate;
		int samples = seconds * this.probeRate;
		Thread thread = new Thread(() -> {
			long next = System.nanoTime();
			for (int i = 0; i < samples; i++) {
				long start = System.nanoTime();
				int status = rawGet(port, path, authorization);
				if (status == 200) {
					latencies.add(System.nanoTime() - start);
				}
				else {
					errors.incrementAndGet();
				}
				next += periodNanos;
				long wait = next - System.nanoTime();
				if (wait > 0) {
					try {
						TimeUnit.NANOSECONDS.sleep(wait);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}, "probe " + path);
		thread.start();
		return thread;
	}

	/**
	 * One GET on a new connection, closed after the answer, as a platform's probe does;
	 * the status, or -1 for none within 10 s. A pooled connection would hide a service
	 * that no longer accepts new ones.
	 */
	private static int rawGet(int port, String path, String authorization) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(10_000);
			String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
					+ ((authorization != null) ? "Authorization: " + authorization + "\r\n" : "") + "\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] answer = in.readAllBytes();
			String text = new String(answer, 0, Math.min(answer.length, 64), StandardCharsets.US_ASCII);
			String[] status = text.split("\r\n", 2)[0].split(" ");
			return (status.length > 1) ? Integer.parseInt(status[1]) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Publishes the wanted cases through the Kafka intake, waits for them in the figures,
	 * then reads the wanted list from many clients at once.
	 */
	private void wantedList() throws Exception {
		log("Wanted list: publishing %,d cases with a missed hearing", this.wantedCases);
		long start = System.nanoTime();
		try (KafkaIntakePublisher publisher = new KafkaIntakePublisher(this.stack.bootstrapServers(),
				this.stack.url("registry-port"), this.stack.kafkaClientProperties(AccessTokens.UPSTREAM))) {
			Instant now = Instant.now();
			Region[] regions = Region.values();
			for (int i = 0; i < this.wantedCases; i++) {
				CaseScript script = new CaseScript("BENCH-WANTED-" + i);
				script.open(now.minus(Duration.ofDays(40)), WANTED_NATIONALITY, Criminality.values()[i % 3],
						OrderType.DEPORTATION, regions[i % regions.length], Custody.IN_COMMUNITY, List.of());
				script.missUnscheduled(now.minus(Duration.ofDays(1 + i % 30)), HearingType.REPORTING,
						now.minus(Duration.ofDays(1 + i % 30)).minusSeconds(3600));
				for (IntakeEvent event : script.events()) {
					publisher.publish(event);
				}
			}
			publisher.flush();
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
		long wanted = wantedOfNationality();
		while (wanted < this.wantedCases && System.nanoTime() < deadline) {
			TimeUnit.SECONDS.sleep(1);
			wanted = wantedOfNationality();
		}
		long totalWanted = stats().path("wanted").path("total").asLong();
		log("  %,d of them wanted after %.1f s (%,d wanted in all)", wanted, (System.nanoTime() - start) / 1e9,
				totalWanted);
		log("Wanted list: %d clients for %d s, GET /api/v1/wanted?region=...&size=50", this.wantedClients,
				this.wantedSeconds);
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		readWanted(http, 5, this.wantedClients, new Latencies(), new ConcurrentHashMap<>(), new AtomicLong());
		Latencies alone = new Latencies();
		Map<String, AtomicInteger> aloneAnswers = new ConcurrentHashMap<>();
		AtomicLong aloneRequests = new AtomicLong();
		readWanted(http, 10, 1, alone, aloneAnswers, aloneRequests);
		log("  baseline, one client for 10 s: %,d requests, %s; answers %s", aloneRequests.get(), alone.summary(),
				aloneAnswers);
		Latencies latencies = new Latencies();
		Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
		AtomicLong requests = new AtomicLong();
		long readStart = System.nanoTime();
		readWanted(http, this.wantedSeconds, this.wantedClients, latencies, answers, requests);
		double seconds = (System.nanoTime() - readStart) / 1e9;
		Map<String, Integer> tally = new TreeMap<>();
		answers.forEach((answer, number) -> tally.put(answer, number.get()));
		long errors = requests.get() - tally.getOrDefault("HTTP 200", 0);
		log("  %,d requests in %.1f s (%,.0f/s), %s; answers %s", requests.get(), seconds, requests.get() / seconds,
				latencies.summary(), tally);
		this.wantedRows.add(new String[] { "benchmark's wanted cases in the list (all wanted cases)",
				String.format(Locale.ROOT, "%,d (%,d)", wanted, totalWanted) });
		this.wantedRows.add(new String[] { "parallel clients, each sending its next request on the answer",
				String.valueOf(this.wantedClients) });
		this.wantedRows.add(new String[] { "requests answered, rate", String.format(Locale.ROOT,
				"%,d in %.1f s, %,.0f/s", requests.get(), seconds, requests.get() / seconds) });
		this.wantedRows.add(new String[] { "p50", millis(latencies.percentileMillis(50)) });
		this.wantedRows.add(new String[] { "p99", millis(latencies.percentileMillis(99)) });
		this.wantedRows.add(new String[] { "max", millis(latencies.percentileMillis(100)) });
		this.wantedRows.add(new String[] { "baseline: one client alone for 10 s just before, p50 / p99 (requests)",
				String.format(Locale.ROOT, "%s / %s (%,d)", millis(alone.percentileMillis(50)),
						millis(alone.percentileMillis(99)), aloneRequests.get()) });
		this.wantedRows.add(new String[] { "errors (not 200)", errors + " (answers: " + tally + ")" });
		this.facts.put("wantedCasesAsked", this.wantedCases);
		this.facts.put("wantedCasesInList", wanted);
		this.facts.put("wantedTotal", totalWanted);
		this.facts.put("wantedClients", this.wantedClients);
		this.facts.put("wantedSeconds", this.wantedSeconds);
		this.facts.put("wantedAnswers", tally);
	}

	/**
	 * {@code clients} threads, each sending its next wanted-list request on the answer,
	 * for {@code seconds}; regions in turn.
	 */
	private void readWanted(HttpClient http, int seconds, int clients, Latencies latencies,
			Map<String, AtomicInteger> answers, AtomicLong requests) throws InterruptedException {
		WantedReaders.read(http, this.stack.url("monitoring-port"),
				this.stack.tokens(AccessTokens.OFFICER).authorization(), seconds, clients, latencies, answers,
				requests);
	}

	private long wantedOfNationality() throws Exception {
		return stats().path("byNationality").path(WANTED_NATIONALITY).path("wanted").asLong();
	}

	private JsonNode stats() throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(this.stack.url("reporting-port") + "/api/v1/stats"))
				.header("Authorization", this.stack.tokens(AccessTokens.DASHBOARD).authorization())
				.build(), HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? JSON.readTree(response.body()) : JSON.createObjectNode();
	}

	/**
	 * reporting-service's own counts of its streams from {@code /actuator/prometheus}
	 * (the metrics client's token): {@code stats_stream_clients}, and
	 * {@code stats_stream_closed_total} and {@code stats_stream_refused_total} by reason,
	 * as {@code name{reason}}.
	 */
	private Map<String, Double> streamMetrics() {
		Map<String, Double> metrics = new TreeMap<>();
		try {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create(this.stack.url("reporting-port") + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(30))
					.header("Authorization", this.stack.tokens(AccessTokens.METRICS).authorization())
					.build(), HttpResponse.BodyHandlers.ofString());
			response.body().lines().filter((line) -> line.startsWith("stats_stream_")).forEach((line) -> {
				String name = line.replaceAll("^([a-z_]+).*", "$1");
				String reason = line.matches(".*reason=\"[^\"]+\".*")
						? "{" + line.replaceAll(".*reason=\"([^\"]+)\".*", "$1") + "}" : "";
				String value = line.substring(line.lastIndexOf(' ') + 1);
				metrics.put(name + reason, Double.parseDouble(value));
			});
		}
		catch (IOException | InterruptedException | NumberFormatException ex) {
			log("  could not read reporting-service's metrics: %s", ex);
		}
		return metrics;
	}

	private int port(String option) {
		String url = this.stack.url(option);
		return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
	}

	/** A field of /proc/{pid}/status in KiB, as Linux writes it ("VmRSS: 123 kB"). */
	private static OptionalLong procStatus(long pid, String field) {
		try {
			return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))
				.stream()
				.filter((line) -> line.startsWith(field + ":"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst();
		}
		catch (IOException ex) {
			return OptionalLong.empty();
		}
	}

	private static String mib(OptionalLong kib) {
		return kib.isPresent() ? String.format(Locale.ROOT, "%,d MiB", kib.getAsLong() / 1024) : "n/a";
	}

	private static String millis(double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f ms", value);
	}

	private void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[%.1fs] %s%n", (System.nanoTime() - this.started) / 1e9,
				String.format(Locale.ROOT, format, args));
	}

	private String elapsed() {
		return String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - this.started) / 1e9);
	}

	/** What one probe window measured. */
	private static final class Window {

		final Latencies health = new Latencies();

		final Latencies stats = new Latencies();

		int healthErrors;

		int statsErrors;

		List<Long> gaps = List.of();

		long caseStatsRecords;

		Map<String, Double> streamMetrics = Map.of();

		OptionalLong rssKib = OptionalLong.empty();

		OptionalLong hwmKib = OptionalLong.empty();

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"readiness %s, %d errors; stats %s, %d errors; %d case-stats records, gap p99 %d ms, max %d ms; "
							+ "reporting VmRSS %s, VmHWM %s",
					this.health.summary(), this.healthErrors, this.stats.summary(), this.statsErrors,
					this.caseStatsRecords, CaseStatsGaps.percentile(this.gaps, 99),
					CaseStatsGaps.percentile(this.gaps, 100), mib(this.rssKib), mib(this.hwmKib));
		}

	}

}
