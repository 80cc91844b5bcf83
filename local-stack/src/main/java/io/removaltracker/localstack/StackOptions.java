package io.removaltracker.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.removaltracker.simulator.Options;
import io.removaltracker.simulator.ReferenceScenario;

/**
 * What the launcher was asked for. The defaults are the contract's ports on loopback and
 * a data directory {@code data} under the current directory.
 */
record StackOptions(Path dataDir, Path servicesDir, Map<String, Integer> ports, boolean simulate, int simulateRate,
		boolean referenceScenario, Instant asOf, Duration startupTimeout, boolean kafkaTls, Map<String, String> heaps,
		boolean classDataSharing, boolean help) {

	static final String BROKER = "kafka";

	static final String CONTROLLER = "kafka-controller";

	/** The nodes of a three-broker cluster (--brokers 3), and their controllers. */
	static final List<String> CLUSTER = List.of("kafka-1", "kafka-2", "kafka-3");

	static final String REGISTRY = "dev-schema-registry";

	/**
	 * The OpenID Connect provider every API's tokens come from (docs/contract.md,
	 * Access).
	 */
	static final String IDENTITY = "dev-identity-provider";

	static final String CASE = "case-service";

	/**
	 * A second case-service instance, sharing the work of the first (--case-instances 2).
	 */
	static final String CASE_2 = "case-service-2";

	static final String MONITORING = "monitoring-service";

	static final String REPORTING = "reporting-service";

	/**
	 * Each part's maximum heap unless --heap says otherwise. With them every part stays
	 * under 512 MiB resident through a start and light traffic; under the pipeline
	 * benchmark case-service reached 615 MiB and reporting-service 503 MiB
	 * (BENCHMARKS.md), most of it outside the heap. case- and monitoring-service keep
	 * their state in RocksDB (outside the heap, bounded by BoundedRocksDbMemory);
	 * reporting-service keeps every case's figures in the heap, about 62 bytes a case:
	 * some 125 MiB at ten years (2,000,000 cases), where 512 MiB let it grow to 606 MiB
	 * resident while it read the history; 320 MiB leaves room. The broker's heap is
	 * smaller in a cluster of three on the same machine. A second case-service instance
	 * gets case-service's.
	 */
	static final Map<String, String> HEAPS = Map.of(BROKER, "768m", REGISTRY, "192m", IDENTITY, "128m", CASE, "256m",
			MONITORING, "256m", REPORTING, "320m");

	static final String CLUSTER_BROKER_HEAP = "512m";

	static final String USAGE = """
			Usage: local-stack [options]

			Starts a Kafka broker (KRaft, one node), the development schema registry, the development
			identity provider, case-service, monitoring-service and reporting-service, each its own
			process on 127.0.0.1. Ctrl-C stops them all, in order. Data stays in the data directory;
			the next start reuses it.

			  --data-dir DIR          where the broker, the services' stores, the logs and the credentials
			                          file (credentials.json) live (default: data)
			  --simulate              once ready, send random upstream traffic so the dashboard moves
			  --simulate-rate N       events a second of that traffic (default 50)
			  --scenario reference    once ready, replay the reference scenario of the contract and show
			                          its figures, which are stated for %s
			  --as-of INSTANT         reporting-service counts its figures for this instant, not now
			  --kafka-tls             the broker's client listener speaks TLS (SASL_SSL), with a CA and a
			                          certificate made once in DATA/tls; kafka.* of the credentials file
			                          names the CA file (caFile) every client trusts
			  --kafka-port N          (default 9092)        --controller-port N     (default 9093)
			  --registry-port N       (default 8081)        --case-port N           (default 8080)
			  --monitoring-port N     (default 8082)        --reporting-port N      (default 8083)
			  --identity-port N       (default 8084)
			  --brokers N             1, or 3 for a cluster with three replicas of everything and two in sync
			                          for a write (default 1); nodes 2 and 3 on --kafka-port-2/3 N and
			                          --controller-port-2/3 N (defaults 9094/9096 and 9095/9097)
			  --case-instances N      1 or 2 case-service instances sharing the work (default 1); the second
			                          listens on --case-port-2 N (default 8090)
			  --services-dir DIR      the parts' jars (default: services/ next to local-stack.jar)
			  --startup-timeout SEC   how long each part may take to become ready (default 180)
			  --heap PART=SIZE,...    the maximum heap of a part (java -Xmx), e.g. --heap
			                          reporting-service=768m,case-service=384m; PART is kafka (every node),
			                          dev-schema-registry, dev-identity-provider, case-service (every instance),
			                          monitoring-service or reporting-service. Defaults: kafka 768m (512m each of
			                          three), dev-schema-registry 192m, dev-identity-provider 128m, case-service
			                          256m, monitoring-service 256m, reporting-service 320m
			  --no-class-data         start every JVM without the class data archive (by default each part
			                          records one when it stops the first time, kept beside the jars in
			                          class-data/, and starts faster with it from then on)
			""".formatted(ReferenceScenario.AS_OF);

	private static final Map<String, String> PORT_OPTIONS = Map.of(BROKER, "kafka-port", CONTROLLER, "controller-port",
			REGISTRY, "registry-port", IDENTITY, "identity-port", CASE, "case-port", CASE_2, "case-port-2", MONITORING,
			"monitoring-port", REPORTING, "reporting-port");

	static StackOptions parse(String[] args, Path defaultServicesDir) {
		Options options = new Options(args, Set.of("simulate", "kafka-tls", "no-class-data", "help"),
				Set.of("data-dir", "simulate-rate", "scenario", "as-of", "kafka-port", "controller-port",
						"registry-port", "identity-port", "case-port", "case-port-2", "case-instances",
						"monitoring-port", "reporting-port", "services-dir", "startup-timeout", "brokers",
						"kafka-port-2", "kafka-port-3", "controller-port-2", "controller-port-3", "heap"));
		if (!options.words().isEmpty()) {
			throw new IllegalArgumentException("unexpected argument '" + options.words().get(0) + "'");
		}
		Map<String, Integer> ports = new LinkedHashMap<>();
		if (options.number("brokers", 1, 1, 3) == 1) {
			ports.put(BROKER, port(options, BROKER, 9092));
			ports.put(CONTROLLER, port(options, CONTROLLER, 9093));
		}
		else {
			for (int i = 0; i < CLUSTER.size(); i++) {
				ports.put(CLUSTER.get(i), (int) options.number(brokerPortOption(i), 9092 + 2 * i, 1, 65535));
				ports.put(controllerOf(CLUSTER.get(i)),
						(int) options.number(controllerPortOption(i), 9093 + 2 * i, 1, 65535));
			}
		}
		ports.put(REGISTRY, port(options, REGISTRY, 8081));
		ports.put(IDENTITY, port(options, IDENTITY, 8084));
		ports.put(CASE, port(options, CASE, 8080));
		if (options.number("case-instances", 1, 1, 2) == 2) {
			ports.put(CASE_2, port(options, CASE_2, 8090));
		}
		ports.put(MONITORING, port(options, MONITORING, 8082));
		ports.put(REPORTING, port(options, REPORTING, 8083));
		if (ports.values().stream().distinct().count() < ports.size()) {
			throw new IllegalArgumentException("two parts cannot share a port: " + ports);
		}
		String scenario = options.text("scenario", null);
		if (scenario != null && !scenario.equals("reference")) {
			throw new IllegalArgumentException("--scenario knows only 'reference', not '" + scenario + "'");
		}
		Instant asOf = asOf(options.text("as-of", null));
		if (scenario != null && asOf == null) {
			asOf = ReferenceScenario.AS_OF;
		}
		return new StackOptions(Path.of(options.text("data-dir", "data")).toAbsolutePath().normalize(),
				Path.of(options.text("services-dir", defaultServicesDir.toString())).toAbsolutePath().normalize(),
				ports, options.flag("simulate"), (int) options.number("simulate-rate", 50, 1, 1_000_000),
				scenario != null, asOf, Duration.ofSeconds(options.number("startup-timeout", 180, 5, 3600)),
				options.flag("kafka-tls"), heaps(options.text("heap", null)), !options.flag("no-class-data"),
				options.flag("help"));
	}

	/** The -Xmx of a part: the --heap given for it, or its default. */
	String heap(String part) {
		String name = part.equals(CASE_2) ? CASE : (CLUSTER.contains(part) ? BROKER : part);
		String given = this.heaps.get(name);
		if (given != null) {
			return "-Xmx" + given;
		}
		return "-Xmx" + (CLUSTER.contains(part) ? CLUSTER_BROKER_HEAP : HEAPS.get(name));
	}

	private static Map<String, String> heaps(String text) {
		Map<String, String> heaps = new LinkedHashMap<>();
		if (text == null) {
			return heaps;
		}
		for (String entry : text.split(",")) {
			String[] pair = entry.trim().split("=", 2);
			if (pair.length != 2 || !HEAPS.containsKey(pair[0])) {
				throw new IllegalArgumentException("--heap wants PART=SIZE with PART one of "
						+ String.join(", ", HEAPS.keySet().stream().sorted().toList()) + ", not '" + entry + "'");
			}
			if (!pair[1].matches("[1-9][0-9]*[kKmMgG]")) {
				throw new IllegalArgumentException(
						"--heap " + pair[0] + " wants a size such as 384m or 1g, not '" + pair[1] + "'");
			}
			heaps.put(pair[0], pair[1]);
		}
		return heaps;
	}

	/** The brokers to start: their part names. */
	List<String> brokers() {
		return this.ports.containsKey(BROKER) ? List.of(BROKER) : CLUSTER;
	}

	/** The part name of a broker's controller listener. */
	static String controllerOf(String broker) {
		return broker.equals(BROKER) ? CONTROLLER : broker + "-controller";
	}

	private static String brokerPortOption(int index) {
		return (index == 0) ? "kafka-port" : "kafka-port-" + (index + 1);
	}

	private static String controllerPortOption(int index) {
		return (index == 0) ? "controller-port" : "controller-port-" + (index + 1);
	}

	/** The case-service instances to start: their part names. */
	List<String> caseInstances() {
		return this.ports.containsKey(CASE_2) ? List.of(CASE, CASE_2) : List.of(CASE);
	}

	int port(String part) {
		return this.ports.get(part);
	}

	String portOption(String part) {
		int node = CLUSTER.indexOf(part.replace("-controller", ""));
		if (node >= 0) {
			return "--" + (part.endsWith("-controller") ? controllerPortOption(node) : brokerPortOption(node));
		}
		return "--" + PORT_OPTIONS.get(part);
	}

	String bootstrapServers() {
		return String.join(",", brokers().stream().map((broker) -> "127.0.0.1:" + port(broker)).toList());
	}

	String url(String part) {
		return "http://127.0.0.1:" + port(part);
	}

	/**
	 * The credentials file the identity provider writes and reuses: the development
	 * clients' secrets, owner-only.
	 */
	Path credentialsFile() {
		return this.dataDir.resolve("credentials.json");
	}

	/** The security protocol of the brokers' client listener. */
	String kafkaSecurityProtocol() {
		return this.kafkaTls ? "SASL_SSL" : "SASL_PLAINTEXT";
	}

	private static int port(Options options, String part, int fallback) {
		return (int) options.number(PORT_OPTIONS.get(part), fallback, 1, 65535);
	}

	private static Instant asOf(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"--as-of must be an ISO-8601 instant such as 2024-06-30T12:00:00Z, not '" + text + "'");
		}
	}

}
