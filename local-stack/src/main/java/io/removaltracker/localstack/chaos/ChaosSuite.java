package io.removaltracker.localstack.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseClosed;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.CloseReason;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.localstack.StackProcess;
import io.removaltracker.simulator.AccessTokens;
import io.removaltracker.simulator.CaseScript;
import io.removaltracker.simulator.IntakeEventJson;
import io.removaltracker.simulator.RandomTraffic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The fault-injection suite behind {@code ./chaos}: starts the packaged stack (the
 * launcher and its parts as separate processes, on free ports), puts it under load from
 * the simulator's generator, injects one fault after another (a frozen or killed
 * registry, a killed broker, killed services, a poison canonical event), and checks every
 * time against an oracle counted by hand ({@link HandCount}), never against the services'
 * own counts. Writes {@code RELIABILITY.md} and its JSON copy.
 */
public final class ChaosSuite implements AutoCloseable {

	/** The scenarios, most valuable first. */
	public enum Scenario {

		REGISTRY_FROZEN("registry-frozen", "Registry frozen 30 s, third-party producer with a new schema id",
				"`kill -STOP` on the registry for 30 s under load; meanwhile a producer of its own (own REST calls,"
						+ " own framing) writes new cases to `case-intake` with a schema id no service has cached"),
		REGISTRY_KILLED("registry-killed", "Registry killed and restarted, third-party producer with a new schema id",
				"`kill -9` on the registry under load; the launcher starts it again; a producer of its own writes"
						+ " new cases with an uncached schema id while it is down"),
		REGISTRY_FROZEN_COLD_RESTARTS("registry-frozen-cold-restarts",
				"Registry frozen 30 s while monitoring and reporting restart with cold caches",
				"`kill -STOP` on the registry, then `kill -9` on monitoring- and reporting-service, which the launcher"
						+ " starts again with empty schema caches while the registry cannot answer; `kill -CONT` after 30 s"),
		BROKER_KILLED("broker-killed", "Broker killed mid-load and restarted",
				"`kill -9` on the Kafka broker under load; the launcher starts it again on the same data"),
		SERVICES_KILLED_ONCE("services-killed-once", "Each service killed once",
				"`kill -9` on case-, monitoring- and reporting-service at the same moment under load; the launcher"
						+ " starts them again"),
		SERVICES_KILLED_FIVE_TIMES("services-killed-5x", "Each service killed 5 times during load",
				"`kill -9` on case-service 5 times, then monitoring-service 5 times, then reporting-service 5 times,"
						+ " each time as soon as the launcher reported it ready again"),
		CASE_INSTANCE_KILLED_IN_REBALANCE("case-instance-killed-in-rebalance",
				"Two case-service instances, one killed during a rebalance",
				"a stack of its own with two case-service instances sharing the intake, HTTP load spread over both;"
						+ " `kill -9` on the first, then `kill -9` on the second as soon as its readiness says its"
						+ " partitions are moving"),
		THREE_BROKERS("three-broker-cluster", "3-broker cluster: one broker killed mid-load, then a rolling restart",
				"a stack of its own on three brokers (replication 3, `min.insync.replicas` 2): `kill -9` on one"
						+ " broker under load; once it is back, each broker in turn stopped with SIGTERM and started"
						+ " again by the launcher"),
		POISON_CANONICAL_EVENT("poison-canonical-event", "Poison canonical event on case-events",
				"a valid Avro frame written to `case-events` by the admin, bypassing case-service: a"
						+ " `HEARING_MISSED` whose payload is a `CaseClosed`, which no consumer can apply; load goes on");

		final String id;

		final String title;

		final String fault;

		Scenario(String id, String title, String fault) {
			this.id = id;
			this.title = title;
			this.fault = fault;
		}

		/** The stack the scenario runs on. */
		Shape shape() {
			return switch (this) {
				case CASE_INSTANCE_KILLED_IN_REBALANCE -> Shape.TWO_CASE_INSTANCES;
				case THREE_BROKERS -> Shape.THREE_BROKERS;
				default -> Shape.PLAIN;
			};
		}

		static Scenario byId(String id) {
			return Arrays.stream(values())
				.filter((scenario) -> scenario.id.equals(id))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("no scenario '" + id + "'; known: "
						+ Arrays.stream(values()).map((scenario) -> scenario.id).collect(Collectors.joining(", "))));
		}

	}

	/**
	 * The stacks the scenarios run on, each started once for the scenarios that need it.
	 */
	public enum Shape {

		/** As {@code ./run-local} starts it. */
		PLAIN(false, false),
		/** With {@code --case-instances 2}. */
		TWO_CASE_INSTANCES(true, false),
		/** With {@code --brokers 3}. */
		THREE_BROKERS(false, true);

		final boolean twoCaseInstances;

		final boolean threeBrokers;

		Shape(boolean twoCaseInstances, boolean threeBrokers) {
			this.twoCaseInstances = twoCaseInstances;
			this.threeBrokers = threeBrokers;
		}

	}

	/**
	 * Every scenario of the full run, in order: on the plain stack the poison last, since
	 * it may stall a consumer; then those that need a stack of another shape.
	 */
	public static final List<Scenario> FULL = List.of(Scenario.REGISTRY_FROZEN, Scenario.REGISTRY_KILLED,
			Scenario.REGISTRY_FROZEN_COLD_RESTARTS, Scenario.BROKER_KILLED, Scenario.SERVICES_KILLED_FIVE_TIMES,
			Scenario.POISON_CANONICAL_EVENT, Scenario.CASE_INSTANCE_KILLED_IN_REBALANCE, Scenario.THREE_BROKERS);

	/** The subset the build runs. */
	public static final List<Scenario> QUICK = List.of(Scenario.REGISTRY_FROZEN, Scenario.BROKER_KILLED,
			Scenario.SERVICES_KILLED_ONCE);

	static final String BROKER = "kafka";

	static final String REGISTRY = "dev-schema-registry";

	static final List<String> SERVICES = List.of("case-service", "monitoring-service", "reporting-service");

	static final String SECOND_CASE_SERVICE = "case-service-2";

	private static final Duration FREEZE = Duration.ofSeconds(30);

	private static final Duration WARM_UP = Duration.ofSeconds(8);

	private static final Duration LOAD_AFTER_FAULT = Duration.ofSeconds(10);

	private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(4);

	private static final Duration SETTLE_LIMIT = Duration.ofMinutes(3);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final StackProcess stack;

	private final Path dataDir;

	private final PrintStream out;

	private final double rate;

	private final Instant asOf;

	private final HandCount oracle = new HandCount();

	private final CanonicalLog log;

	private final long started = System.nanoTime();

	private int probes;

	/** When the last signal of a fault was sent (nanoTime). */
	private volatile long lastSignal;

	/** Every service process of this stack, the second case-service instance included. */
	private final List<String> services;

	/** The brokers of this stack. */
	private final List<String> brokers;

	private ChaosSuite(StackProcess stack, Path dataDir, Instant asOf, double rate, PrintStream out, Shape shape) {
		this.brokers = shape.threeBrokers ? List.of("kafka-1", "kafka-2", "kafka-3") : List.of(BROKER);
		this.services = shape.twoCaseInstances
				? List.of("case-service", SECOND_CASE_SERVICE, "monitoring-service", "reporting-service") : SERVICES;
		this.stack = stack;
		this.dataDir = dataDir;
		this.asOf = asOf;
		this.rate = rate;
		this.out = out;
		// The suite reads the canonical topics as the stack's operator (the admin): no
		// principal of the contract reads case-events and case-intake-rejected.
		this.log = new CanonicalLog(stack.kafkaClientProperties("admin"));
	}

	/**
	 * Starts the packaged launcher on free ports in an empty data directory, with the
	 * figures counted for a fixed instant so they can be compared with the oracle.
	 * @param rate events a second of the load
	 * @param shape the stack to start
	 */
	public static ChaosSuite start(Path launcherJar, Path dataDir, double rate, PrintStream out, Shape shape)
			throws InterruptedException {
		Instant asOf = Instant.now().truncatedTo(ChronoUnit.HOURS);
		StackProcess stack = StackProcess.start(launcherJar, StackProcess.freshDataDir(dataDir),
				StackProcess.freePorts(), Map.of(), "--as-of", asOf.toString(), "--case-instances",
				shape.twoCaseInstances ? "2" : "1", "--brokers", shape.threeBrokers ? "3" : "1");
		try {
			stack.awaitReady();
		}
		catch (RuntimeException | InterruptedException ex) {
			stack.close();
			throw ex;
		}
		return new ChaosSuite(stack, dataDir, asOf, rate, out, shape);
	}

	public static void main(String[] args) throws Exception {
		List<Scenario> scenarios = FULL;
		Path report = Path.of("RELIABILITY.md");
		Path json = Path.of("docs", "reliability.json");
		Path dataDir = Path.of("local-stack", "target", "chaos-data");
		double rate = 40;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> scenarios = QUICK;
				case "--only" -> scenarios = Arrays.stream(args[++i].split(",")).map(Scenario::byId).toList();
				case "--report" -> report = Path.of(args[++i]);
				case "--json" -> json = Path.of(args[++i]);
				case "--data-dir" -> dataDir = Path.of(args[++i]);
				case "--rate" -> rate = Double.parseDouble(args[++i]);
				case "--help" -> {
					System.out.println("Usage: ./chaos [--quick | --only id,id] [--rate EVENTS_PER_S] [--report FILE]"
							+ " [--json FILE] [--data-dir DIR]\nScenarios: "
							+ Arrays.stream(Scenario.values())
								.map((scenario) -> scenario.id)
								.collect(Collectors.joining(", ")));
					return;
				}
				default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
			}
		}
		long start = System.nanoTime();
		List<Outcome> outcomes = new ArrayList<>();
		for (Shape shape : Shape.values()) {
			List<Scenario> these = scenarios.stream().filter((scenario) -> scenario.shape() == shape).toList();
			if (these.isEmpty()) {
				continue;
			}
			Path data = dataDir.toAbsolutePath()
				.resolveSibling(dataDir.getFileName()
						+ ((shape == Shape.PLAIN) ? "" : "-" + shape.name().toLowerCase(Locale.ROOT)));
			try (ChaosSuite suite = start(launcherJar(), data, rate, System.out, shape)) {
				outcomes.addAll(suite.run(these));
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		ReliabilityReport.write(outcomes, report, json, rate, took);
		System.out.println("Written " + report + " and " + json);
		System.exit(outcomes.stream().allMatch(Outcome::passed) ? 0 : 1);
	}

	/** Runs the scenarios one after the other on the same stack. */
	public List<Outcome> run(List<Scenario> scenarios) throws InterruptedException {
		List<Outcome> outcomes = new ArrayList<>();
		long seed = 1000;
		for (Scenario scenario : scenarios) {
			Outcome outcome = run(scenario, seed++);
			outcomes.add(outcome);
			say(scenario.id + ": " + (outcome.passed() ? "PASSED" : "FAILED") + " " + outcome);
		}
		return outcomes;
	}

	private Outcome run(Scenario scenario, long seed) throws InterruptedException {
		say("Scenario " + scenario.id + ": " + scenario.title);
		Acks acks = new Acks();
		HandCount mine = new HandCount();
		List<String> notes = new ArrayList<>();
		long undecodableBefore = undecodableLogged();
		long restartsBefore = this.stack.occurrences("stopped on its own");
		double recovered;
		double settled = -1;
		List<String> caseServices = this.services.stream()
			.filter((service) -> service.startsWith("case-service"))
			.map((service) -> url(port(service)))
			.toList();
		try (Load load = new Load(seed, this.asOf, this.rate, caseServices, this.stack.tokens(AccessTokens.UPSTREAM),
				this.stack.kafkaClientProperties(AccessTokens.UPSTREAM), url("registry-port"), acks, both(mine))) {
			load.start();
			TimeUnit.NANOSECONDS.sleep(WARM_UP.toNanos());
			say("  fault: " + scenario.fault);
			int linesBefore = this.stack.output().split("\n").length;
			inject(scenario, seed, acks, mine, notes);
			say("  fault over; waiting for every part to be ready and a new event to be accepted");
			// Counted from the last signal: the moment a frozen registry may answer
			// again, or the last kill, whose restart is part of the recovery.
			recovered = awaitRecovery(acks, mine, this.lastSignal);
			List<String> restarts = Arrays.stream(this.stack.output().split("\n"))
				.skip(linesBefore)
				.filter((line) -> line.contains(" ready again ("))
				.map((line) -> line.replaceAll(".*] (\\S+) ready again \\(restart \\d+, ([0-9.]+ s).*", "$1 $2"))
				.toList();
			if (!restarts.isEmpty()) {
				notes.add("from death to ready again, as the launcher saw it: " + String.join(", ", restarts));
			}
			say(recovered >= 0 ? String.format(Locale.ROOT, "  recovered in %.1f s", recovered)
					: "  NOT recovered within " + RECOVERY_LIMIT.toMinutes() + " min");
			TimeUnit.NANOSECONDS.sleep(LOAD_AFTER_FAULT.toNanos());
			load.stop();
			if (!load.awaitAnswers(Load.GIVE_UP_AFTER.plusSeconds(30))) {
				notes.add(acks.pending() + " events still had no answer when the load was stopped");
			}
			long loadEnd = System.nanoTime();
			settled = awaitSettled(mine, acks, loadEnd);
			say(settled >= 0 ? String.format(Locale.ROOT, "  settled %.1f s after the load ended", settled)
					: "  NOT settled within " + SETTLE_LIMIT.toMinutes() + " min");
			notes.add(String.format(Locale.ROOT, "%,d cases of load at %.0f events/s", load.cases(), this.rate));
		}
		long restarts = this.stack.occurrences("stopped on its own") - restartsBefore;
		if (restarts > 0) {
			notes.add(restarts + " part deaths reported by the launcher (each started again)");
		}
		CanonicalLog.Findings found = this.log.findings(mine.eventIdsByCase(), acks.acknowledged());
		if (!found.examples().isEmpty()) {
			notes.add("examples: " + String.join("; ", found.examples()));
		}
		if (found.missingNotAcknowledged() > 0) {
			notes.add(found.missingNotAcknowledged() + " events never acknowledged are absent too");
		}
		if (!acks.firstProblems().isEmpty()) {
			notes.add("first problems: " + acks.firstProblems());
		}
		notes.add("answers: " + acks.answers());
		JsonNode stats = getJson(url("reporting-port") + "/api/v1/stats", AccessTokens.DASHBOARD);
		List<String> differences = (stats == null) ? List.of("GET /api/v1/stats did not answer 200")
				: HandCount.differences(this.oracle.figures(this.asOf), stats);
		JsonNode wanted = getJson(url("monitoring-port") + "/api/v1/wanted?size=1", AccessTokens.OFFICER);
		long undecodable = undecodableLogged() - undecodableBefore + this.log.undecodable();
		return new Outcome(scenario.id, scenario.title, scenario.fault, acks.sent(),
				acks.count("http 201") + acks.count("http 200"), acks.count("kafka acknowledged"),
				acks.countStartingWith("http gave up") + acks.count("kafka not acknowledged"), found.onTopic(),
				found.lost(), found.doubled(), found.gaps(), differences, this.oracle.wantedNow(),
				(wanted == null) ? -1 : wanted.path("total").asLong(-1), found.rejected(), undecodable,
				acks.count("http 503"), acks.countStartingWith("http 5") - acks.count("http 503"), recovered, settled,
				notes);
	}

	/** Counts into the run's oracle and this scenario's at once. */
	private Consumer<IntakeEvent> both(HandCount mine) {
		return (event) -> {
			this.oracle.add(event);
			mine.add(event);
		};
	}

	private void inject(Scenario scenario, long seed, Acks acks, HandCount mine, List<String> notes)
			throws InterruptedException {
		switch (scenario) {
			case REGISTRY_FROZEN -> {
				ThirdParty writer = new ThirdParty(seed, acks, both(mine));
				long pid = pid(REGISTRY);
				signal(pid, "STOP");
				try {
					writer.send();
					watchReadiness(FREEZE, notes, "case-service");
				}
				finally {
					signal(pid, "CONT");
				}
				writer.close();
			}
			case REGISTRY_KILLED -> {
				ThirdParty writer = new ThirdParty(seed, acks, both(mine));
				long restarts = this.stack.occurrences("dev-schema-registry ready again");
				kill(REGISTRY);
				writer.send();
				watchReadiness(Duration.ofSeconds(5), notes, "case-service");
				this.stack.awaitOutput("dev-schema-registry ready again", (int) restarts + 1, RECOVERY_LIMIT);
				writer.close();
			}
			case REGISTRY_FROZEN_COLD_RESTARTS -> {
				long pid = pid(REGISTRY);
				signal(pid, "STOP");
				try {
					kill("monitoring-service");
					kill("reporting-service");
					watchReadiness(FREEZE, notes, "monitoring-service", "reporting-service");
				}
				finally {
					signal(pid, "CONT");
				}
			}
			case BROKER_KILLED -> {
				long restarts = this.stack.occurrences("kafka ready again");
				kill(BROKER);
				this.stack.awaitOutput("kafka ready again", (int) restarts + 1, RECOVERY_LIMIT);
			}
			case SERVICES_KILLED_ONCE -> killAndAwait(SERVICES, 1);
			case SERVICES_KILLED_FIVE_TIMES -> {
				for (String service : SERVICES) {
					killAndAwait(List.of(service), 5);
				}
			}
			case CASE_INSTANCE_KILLED_IN_REBALANCE -> {
				long first = this.stack.occurrences("case-service ready again");
				long second = this.stack.occurrences(SECOND_CASE_SERVICE + " ready again");
				kill("case-service");
				notes.add(killInRebalance(SECOND_CASE_SERVICE));
				this.stack.awaitOutput("case-service ready again", (int) first + 1, RECOVERY_LIMIT);
				this.stack.awaitOutput(SECOND_CASE_SERVICE + " ready again", (int) second + 1, RECOVERY_LIMIT);
			}
			case THREE_BROKERS -> {
				restartBroker("kafka-2", null);
				for (String broker : this.brokers) {
					restartBroker(broker, "TERM");
				}
			}
			case POISON_CANONICAL_EVENT -> {
				writePoison(seed, both(mine));
				watchReadiness(Duration.ofSeconds(30), notes, "monitoring-service", "reporting-service");
			}
		}
	}

	/**
	 * Kills the service as soon as its readiness says its partitions are moving (or after
	 * 90 s without that), and says which.
	 */
	private String killInRebalance(String service) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		Answer answer = new Answer(-1, "");
		while (System.nanoTime() < deadline) {
			answer = get(url(port(service)) + "/actuator/health/readiness", AccessTokens.METRICS);
			if (answer.status() == 503) {
				break;
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		kill(service);
		return (answer.status() == 503)
				? service + " killed while its readiness said DOWN: " + answer.body().replaceAll("\\s+", " ")
				: "no rebalance seen on " + service + " within 90 s; it was killed anyway";
	}

	/**
	 * Stops a broker ({@code kill -9} when {@code signal} is null) and waits until the
	 * launcher has it ready again.
	 */
	private void restartBroker(String broker, String signal) throws InterruptedException {
		long before = this.stack.occurrences(broker + " ready again");
		if (signal == null) {
			kill(broker);
		}
		else {
			signal(pid(broker), signal);
		}
		this.stack.awaitOutput(broker + " ready again", (int) before + 1, RECOVERY_LIMIT);
	}

	/** The launcher's port option of a service. */
	private static String port(String service) {
		return service.equals(SECOND_CASE_SERVICE) ? "case-port-2" : service.replace("-service", "") + "-port";
	}

	/**
	 * Kills the parts together, waits until the launcher has them ready again;
	 * {@code times} over.
	 */
	private void killAndAwait(List<String> parts, int times) throws InterruptedException {
		for (int i = 0; i < times; i++) {
			List<Long> before = parts.stream().map((part) -> this.stack.occurrences(part + " ready again")).toList();
			for (String part : parts) {
				kill(part);
			}
			for (int p = 0; p < parts.size(); p++) {
				this.stack.awaitOutput(parts.get(p) + " ready again", before.get(p).intValue() + 1, RECOVERY_LIMIT);
			}
		}
	}

	/**
	 * The record no consumer can apply as a missed hearing: a {@code HEARING_MISSED}
	 * whose payload is a {@code CaseClosed}, in a valid frame with the registered schema
	 * of {@code case-events}. Its case state is still the state any reader sees
	 * (docs/contract.md, Canonical events: consumers read the state an event carries), so
	 * the oracle counts an open case in the community with that state, and no flag: the
	 * wanted rule needs the missed hearing's type, which the poison does not carry.
	 */
	private void writePoison(long seed, Consumer<IntakeEvent> oracle) {
		int id = RawFrames.register(url("registry-port"), this.stack.registryUserInfo("admin"),
				Topics.CASE_EVENTS.name() + "-value", CaseEvent.SCHEMA$);
		Instant at = this.asOf.minus(Duration.ofDays(30));
		String caseId = "POISON-" + seed;
		CaseEvent poison = CaseEvent.newBuilder()
			.setEventId(java.util.UUID.randomUUID().toString())
			.setCaseId(caseId)
			.setSequence(1)
			.setType(CaseEventType.HEARING_MISSED)
			.setOccurredAt(at)
			.setRecordedAt(at)
			.setSource("chaos-admin")
			.setPayload(new CaseClosed(CloseReason.ORDER_VOID))
			.setCase$(CaseState.newBuilder()
				.setPersonId("P-POISON")
				.setNationality("UNKNOWN")
				.setCriminality(Criminality.NONE)
				.setOrderType(OrderType.DEPARTURE)
				.setRegion(Region.ATLANTIC)
				.setCustody(Custody.IN_COMMUNITY)
				.setConditions(List.of())
				.setStayed(false)
				.setOpen(true)
				.setOpenedAt(at)
				.build())
			.build();
		// Only an operator can write case-events now (case-service is its one writer):
		// the poison comes from the admin, as a slip of an operator's would.
		try (KafkaProducer<String, byte[]> admin = RawFrames.producer(this.stack.kafkaClientProperties("admin"),
				"chaos-admin")) {
			admin.send(new ProducerRecord<>(Topics.CASE_EVENTS.name(), caseId, RawFrames.frame(id, poison))).get();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("the poison could not be written", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.lastSignal = System.nanoTime();
		oracle.accept(IntakeEvent.newBuilder()
			.setEventId(poison.getEventId())
			.setCaseId(caseId)
			.setType(CaseEventType.CASE_OPENED)
			.setOccurredAt(at)
			.setPayload(new io.removaltracker.events.intake.CaseOpened("P-POISON", "UNKNOWN", Criminality.NONE,
					OrderType.DEPARTURE, Region.ATLANTIC, Custody.IN_COMMUNITY, List.of()))
			.build());
		say("  poison written for case " + caseId);
	}

	/**
	 * New cases written the way a producer of another team would: its own schema text
	 * registered beforehand (a new id), its own framing, a plain producer of bytes.
	 */
	private final class ThirdParty implements AutoCloseable {

		private final KafkaProducer<String, byte[]> producer;

		private final int schemaId;

		private final List<List<IntakeEvent>> cases = new ArrayList<>();

		private final Acks acks;

		ThirdParty(long seed, Acks acks, Consumer<IntakeEvent> oracle) {
			this.acks = acks;
			// An outside producer's own version of the schema, registered for it by the
			// operator (only a registry admin registers).
			this.schemaId = RawFrames.registerOwnVersion(url("registry-port"),
					ChaosSuite.this.stack.registryUserInfo("admin"), Topics.CASE_INTAKE.name() + "-value",
					IntakeEvent.SCHEMA$, "third-party-" + seed + "-" + System.nanoTime());
			this.producer = RawFrames.producer(ChaosSuite.this.stack.kafkaClientProperties(AccessTokens.UPSTREAM),
					"third-party-" + seed);
			RandomTraffic traffic = new RandomTraffic(seed + 500_000, 20, ChaosSuite.this.asOf);
			traffic.forEachRemaining(this.cases::add);
			this.cases.forEach((aCase) -> aCase.forEach(oracle));
			say("  third-party producer: schema id " + this.schemaId + ", " + this.cases.size() + " cases");
		}

		void send() {
			for (List<IntakeEvent> aCase : this.cases) {
				for (IntakeEvent event : aCase) {
					this.acks.sending();
					this.producer.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), event.getCaseId(),
							RawFrames.frame(this.schemaId, event)), (metadata, failure) -> {
								if (failure == null) {
									this.acks.acknowledged(event.getEventId(), "kafka acknowledged");
								}
								else {
									this.acks.refused(event.getEventId(), "kafka not acknowledged", failure.toString());
								}
							});
				}
			}
			this.producer.flush();
		}

		@Override
		public void close() {
			this.producer.close(Duration.ofSeconds(10));
		}

	}

	/**
	 * Watches the services' readiness for a while, noting what they said: readiness must
	 * be DOWN, with the reason, while a dependency cannot answer (ADR 0008).
	 */
	private void watchReadiness(Duration during, List<String> notes, String... services) throws InterruptedException {
		long end = System.nanoTime() + during.toNanos();
		List<String> seen = new ArrayList<>();
		while (System.nanoTime() < end) {
			for (String service : services) {
				Answer answer = get(url(port(service)) + "/actuator/health/readiness", AccessTokens.METRICS);
				String what = service + " readiness "
						+ ((answer.status() == 200) ? "UP" : (answer.status() < 0) ? "no answer" : "DOWN");
				if (answer.body().contains("waitingFor")) {
					String reason = answer.body().replaceAll(".*\"waitingFor\"\\s*:\\s*\"([^\"]{0,120}).*", "$1");
					what += " waitingFor: " + reason;
				}
				if (!seen.contains(what)) {
					seen.add(what);
				}
			}
			TimeUnit.SECONDS.sleep(1);
		}
		notes.add("readiness seen during the fault: " + String.join(" | ", seen));
	}

	/**
	 * Seconds from the end of the fault until every service and the registry are ready
	 * and a new case opened over HTTP is accepted; -1 after {@link #RECOVERY_LIMIT}.
	 */
	private double awaitRecovery(Acks acks, HandCount mine, long from) throws InterruptedException {
		// The limit runs from now: a long fault (fifteen kills) is not a slow recovery.
		long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
		BooleanSupplier allReady = () -> this.services.stream()
			.allMatch((service) -> get(url(port(service)) + "/actuator/health/readiness", null).status() == 200)
				&& get(url("registry-port") + "/actuator/health", null).status() == 200;
		while (!allReady.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return -1;
			}
			TimeUnit.MILLISECONDS.sleep(500);
		}
		IntakeEvent probe = new CaseScript("CHAOS-PROBE-" + (++this.probes))
			.open(this.asOf.minus(Duration.ofDays(1)), "UNKNOWN", Criminality.NONE, OrderType.DEPARTURE,
					Region.ATLANTIC, Custody.DETAINED, List.of())
			.events()
			.get(0);
		both(mine).accept(probe);
		acks.sending();
		String last = "";
		while (System.nanoTime() < deadline) {
			Answer answer = post(url("case-port") + "/api/v1/events", IntakeEventJson.write(probe));
			if (answer.status() == 201 || answer.status() == 200) {
				acks.acknowledged(probe.getEventId(), "http " + answer.status());
				return (System.nanoTime() - from) / 1e9;
			}
			acks.answer((answer.status() < 0) ? "http no answer" : "http " + answer.status());
			last = answer.status() + " " + answer.body();
			TimeUnit.MILLISECONDS.sleep(500);
		}
		acks.refused(probe.getEventId(), "http gave up", last);
		return -1;
	}

	/**
	 * Seconds from the end of the load until every acknowledged event is on
	 * {@code case-events} and the figures and the wanted total equal the oracle; -1 after
	 * {@link #SETTLE_LIMIT}.
	 */
	private double awaitSettled(HandCount mine, Acks acks, long loadEnd) throws InterruptedException {
		long deadline = loadEnd + SETTLE_LIMIT.toNanos();
		Map<String, List<String>> sent = mine.eventIdsByCase();
		Set<String> acknowledged = acks.acknowledged();
		while (System.nanoTime() < deadline) {
			if (this.log.holdsAll(sent, acknowledged)) {
				JsonNode stats = getJson(url("reporting-port") + "/api/v1/stats", AccessTokens.DASHBOARD);
				JsonNode wanted = getJson(url("monitoring-port") + "/api/v1/wanted?size=1", AccessTokens.OFFICER);
				if (stats != null && wanted != null
						&& HandCount.differences(this.oracle.figures(this.asOf), stats).isEmpty()
						&& wanted.path("total").asLong() == this.oracle.wantedNow()) {
					return (System.nanoTime() - loadEnd) / 1e9;
				}
			}
			TimeUnit.SECONDS.sleep(1);
		}
		return -1;
	}

	/**
	 * Lines in the services' logs saying a record was skipped or rejected as undecodable.
	 */
	private long undecodableLogged() {
		long count = 0;
		for (String service : this.services) {
			Path file = this.dataDir.resolve("logs").resolve(service + ".log");
			try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
				count += lines
					.filter((line) -> line.contains("Skipping an undecodable record")
							|| line.contains("Rejected an undecodable intake record"))
					.count();
			}
			catch (IOException | java.io.UncheckedIOException ex) {
				// No log yet: nothing skipped.
			}
		}
		return count;
	}

	private long pid(String part) {
		return this.stack.part(part).orElseThrow(() -> new IllegalStateException(part + " is not running")).pid();
	}

	private void kill(String part) throws InterruptedException {
		ProcessHandle process = this.stack.part(part)
			.orElseThrow(() -> new IllegalStateException(part + " is not running"));
		process.destroyForcibly();
		this.lastSignal = System.nanoTime();
		process.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
		say("  kill -9 " + part + " (pid " + process.pid() + ")");
	}

	private void signal(long pid, String signal) throws InterruptedException {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
			this.lastSignal = System.nanoTime();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
			say("  kill -" + signal + " " + pid);
		}
		catch (IOException ex) {
			throw new IllegalStateException("kill -" + signal + " " + pid + " failed", ex);
		}
	}

	private String url(String port) {
		return this.stack.url(port);
	}

	private record Answer(int status, String body) {
	}

	/**
	 * A GET, with a token of that client of the credentials file, or anonymous when
	 * {@code client} is null (the health probes). The readiness reads that show why a
	 * service is not ready send the metrics client's token: anonymous callers see the
	 * status only.
	 */
	private Answer get(String url, String client) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
		if (client != null) {
			try {
				request.header("Authorization", this.stack.tokens(client).authorization());
			}
			catch (IllegalStateException ex) {
				return new Answer(-1, "no token: " + ex.getMessage());
			}
		}
		return send(request);
	}

	/** A POST of an event, with a token of the upstream client. */
	private Answer post(String url, String json) {
		String authorization;
		try {
			authorization = this.stack.tokens(AccessTokens.UPSTREAM).authorization();
		}
		catch (IllegalStateException ex) {
			return new Answer(-1, "no token: " + ex.getMessage());
		}
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private static Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Answer(-1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-1, "interrupted");
		}
	}

	private JsonNode getJson(String url, String client) {
		Answer answer = get(url, client);
		if (answer.status() != 200) {
			return null;
		}
		try {
			return JSON.readTree(answer.body());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private void say(String line) {
		this.out.printf(Locale.ROOT, "[chaos %6.1fs] %s%n", (System.nanoTime() - this.started) / 1e9, line);
	}

	private static Path launcherJar() throws URISyntaxException {
		return Path.of(ChaosSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

	/** The launcher's output so far, for a report that shows what it said. */
	public String launcherOutput() {
		return this.stack.output();
	}

	@Override
	public void close() throws InterruptedException {
		AtomicReference<InterruptedException> failure = new AtomicReference<>();
		try {
			this.log.close();
		}
		catch (InterruptedException ex) {
			failure.set(ex);
		}
		this.stack.close();
		if (failure.get() != null) {
			throw failure.get();
		}
	}

}
