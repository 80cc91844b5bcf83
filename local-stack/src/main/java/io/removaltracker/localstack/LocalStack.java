package io.removaltracker.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.events.Topics;
import io.removaltracker.events.deploy.SchemaDeploy;
import io.removaltracker.identity.credentials.DevelopmentCredentials;
import io.removaltracker.simulator.KafkaIntakePublisher;
import io.removaltracker.simulator.Replay;
import io.removaltracker.simulator.Traffic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The README's run command: starts the whole system on this machine, as separate
 * processes (the identity provider every API's tokens come from among them), prints where
 * to find it and where the credentials file is, and stops it in order on Ctrl-C. Once the
 * stack is ready, a part that dies is reported and started again while the others run on
 * ({@link Supervisor}). Exit codes: 0 after a clean stop, 1 when a part fails to start, 2
 * for a usage error or a port already in use.
 */
public final class LocalStack {

	/**
	 * For the development registry and identity provider: the JIT's quick compiler only.
	 * Its code runs slower than the optimizing compiler's, which these two parts never
	 * need (a service asks the registry for each schema once, and the provider for its
	 * keys once), and it halves the processor time they take to start, time the broker
	 * and the services share on a small machine (BENCHMARKS.md, "Start-up and jar size").
	 */
	static final String QUICK_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";

	private final StackOptions options;

	private final PrintStream out;

	private final long started = System.nanoTime();

	private final List<Part> parts = new ArrayList<>();

	private final AtomicBoolean stopping = new AtomicBoolean();

	/**
	 * The key case-service instances sign an HTTP caller's name with on its way through
	 * {@code case-intake}: one per launcher run, the same for every instance and restart,
	 * so an instance can check what another signed.
	 */
	private final String intakeSigningSecret = newSecret();

	/**
	 * The credentials file (docs/contract.md, Access), written before anything starts.
	 */
	private DevelopmentCredentials credentials;

	/** The Kafka principals of the stack's own parts. */
	private ServicePrincipals principals;

	/**
	 * How every client reaches the brokers when their client listener has TLS; null
	 * without.
	 */
	private DevelopmentCredentials.KafkaTls kafkaTls;

	/** The parts' class data archives (start-up), or none with --no-class-data. */
	private ClassDataCache classData = ClassDataCache.off();

	private Thread simulation;

	private KafkaIntakePublisher simulationPublisher;

	LocalStack(StackOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static void main(String[] args) {
		StackOptions options;
		try {
			options = StackOptions.parse(args, defaultServicesDir());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("local-stack: " + ex.getMessage());
			System.err.print(StackOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(StackOptions.USAGE);
			return;
		}
		LocalStack stack = new LocalStack(options, System.out);
		Thread hook = new Thread(() -> stack.stopAll("Stopping (signal received)"), "local-stack-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		int code = stack.run();
		System.exit(code);
	}

	/** Starts everything and waits until stopped; answers the exit code. */
	int run() {
		try {
			List<String> taken = takenPorts();
			if (!taken.isEmpty()) {
				taken.forEach((problem) -> this.out.println("local-stack: " + problem));
				this.out.println("Nothing was started. If a previous local stack is still running, stop it first.");
				return 2;
			}
			if (!requireServiceJars()) {
				return 1;
			}
			Files.createDirectories(this.options.dataDir());
			say("Data directory " + this.options.dataDir() + " (logs in " + logs() + ")");
			if (this.options.classDataSharing()) {
				// Beside the jars: every stack run from them shares it.
				this.classData = ClassDataCache.in(this.options.servicesDir().resolveSibling("class-data"));
				this.classData.extractInBackground(List.of(jar(StackOptions.IDENTITY), jar(StackOptions.REGISTRY),
						jar(StackOptions.CASE), jar(StackOptions.MONITORING), jar(StackOptions.REPORTING)));
			}
			// Written here, before anything starts, and only read by the parts: the
			// broker needs its principals before it takes a connection, and the identity
			// provider then finds the file complete.
			BrokerCertificates certificates = null;
			if (this.options.kafkaTls()) {
				certificates = BrokerCertificates.loadOrCreate(this.options.dataDir(), logs().resolve("keytool.log"));
				this.kafkaTls = new DevelopmentCredentials.KafkaTls(this.options.kafkaSecurityProtocol(),
						certificates.caFile().toString());
				say("Kafka TLS: the CA clients trust is " + certificates.caFile()
						+ (certificates.created() ? " (made now with keytool)" : " (reused)"));
			}
			// The file says how Kafka is reached this time: with TLS, kafka.* name the
			// protocol and the CA file; without, those are taken out again.
			this.credentials = DevelopmentCredentials.loadOrCreate(this.options.credentialsFile(),
					this.options.url(StackOptions.IDENTITY), this.kafkaTls);
			this.principals = ServicePrincipals.loadOrCreate(this.options.dataDir());
			// The nodes of a cluster elect a controller together: all start before any is
			// awaited.
			List<Part> brokers = new ArrayList<>();
			for (String name : this.options.brokers()) {
				Broker broker = new Broker(this.options, logs(), name, ownKafka(ServicePrincipals.BROKER), admin(),
						certificates);
				Part part = broker.part(this.classData);
				start(part, broker::format);
				brokers.add(part);
			}
			// The identity provider needs no broker: it starts while they do.
			Part identity = identity();
			start(identity, null);
			if (!giveKafkaCredentials(brokers)) {
				return 1;
			}
			for (Part broker : brokers) {
				if (!await(broker,
						"on 127.0.0.1:" + this.options.port(broker.name()) + " (" + this.options.kafkaSecurityProtocol()
								+ " " + DevelopmentCredentials.KAFKA_MECHANISM + ", ACLs)")) {
					return 1;
				}
			}
			createTopics();
			grantAcls();
			if (!startAndAwait(registry(), "on " + this.options.url(StackOptions.REGISTRY) + " (basic authentication)",
					null)) {
				return 1;
			}
			deploySchemas();
			if (!await(identity, "on " + this.options.url(StackOptions.IDENTITY) + " (credentials in "
					+ this.options.credentialsFile() + ")")) {
				return 1;
			}
			List<Part> services = new ArrayList<>();
			for (String instance : this.options.caseInstances()) {
				services.add(service(instance));
			}
			services.add(service(StackOptions.MONITORING));
			services.add(service(StackOptions.REPORTING));
			for (Part service : services) {
				start(service, null);
			}
			if (this.classData.enabled()) {
				say("Class data (" + this.classData.kind() + ", " + this.classData.root() + "): "
						+ this.classData.used() + " parts started from theirs, " + this.classData.recording()
						+ " record theirs when they stop");
			}
			for (Part service : services) {
				if (!await(service, "on " + this.options.url(service.name()))) {
					return 1;
				}
			}
			printReady();
			startTraffic();
			return watch();
		}
		catch (IOException | RuntimeException ex) {
			this.out.println("local-stack: " + ex.getMessage());
			stopAll("Stopping what was started");
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	/** Every port asked for that another process holds, as a sentence. */
	List<String> takenPorts() {
		List<String> taken = new ArrayList<>();
		this.options.ports().forEach((part, port) -> {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			}
			catch (IOException ex) {
				taken
					.add("port " + port + " (" + part + ") is already in use; stop what uses it or choose another with "
							+ this.options.portOption(part) + ".");
			}
		});
		return taken;
	}

	private boolean requireServiceJars() {
		for (String jar : List.of(StackOptions.REGISTRY, StackOptions.IDENTITY, StackOptions.CASE,
				StackOptions.MONITORING, StackOptions.REPORTING)) {
			if (!Files.isRegularFile(jar(jar))) {
				this.out.println("local-stack: " + jar(jar) + " is missing. Build first: ./mvnw -B -pl local-stack -am "
						+ "package -Dmaven.test.skip=true (the ./local-stack script does this).");
				return false;
			}
		}
		return true;
	}

	private Part registry() throws InterruptedException {
		ClassDataCache.Archive archive = archive(StackOptions.REGISTRY, StackOptions.REGISTRY);
		List<String> command = java(this.options.heap(StackOptions.REGISTRY));
		command.addAll(archive.options());
		command.add(QUICK_COMPILER_ONLY);
		command.addAll(List.of("-jar", runnable(StackOptions.REGISTRY).toString(),
				"--server.port=" + this.options.port(StackOptions.REGISTRY),
				"--spring.kafka.bootstrap-servers=" + this.options.bootstrapServers(),
				"--registry.replication-factor=" + this.options.brokers().size()));
		Part registry = withKafkaPrincipal(
				new Part(StackOptions.REGISTRY, command, logs().resolve("dev-schema-registry.log"),
						Part.answers200(this.options.url(StackOptions.REGISTRY) + "/actuator/health"))
					.withClassData(archive),
				ServicePrincipals.REGISTRY);
		// Its principals (docs/contract.md, Access): the admin registers and configures;
		// upstream systems and the services read and look up. In the environment, as JSON
		// Spring Boot reads, so no password is on a command line.
		Map<String, Object> principals = new LinkedHashMap<>();
		this.credentials.registry()
			.forEach((name, principal) -> principals.put(principal.username(),
					Map.of("password", principal.password(), "admin", "admin".equals(name))));
		this.principals.registry()
			.values()
			.forEach((principal) -> principals.put(principal.username(),
					Map.of("password", principal.password(), "admin", false)));
		try {
			registry.withEnvironment("SPRING_APPLICATION_JSON",
					new ObjectMapper().writeValueAsString(Map.of("registry", Map.of("principals", principals))));
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("cannot write the registry's principals", ex);
		}
		return registry;
	}

	/**
	 * Registers every published version of each topic's value schema as the registry's
	 * admin before any service starts: the services and upstream systems only look
	 * schemas up ({@code auto.register.schemas=false}).
	 */
	private void deploySchemas() throws IOException {
		DevelopmentCredentials.RegistryPrincipal admin = this.credentials.registry("admin");
		Path log = logs().resolve("schema-deploy.log");
		try (PrintStream lines = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
			SchemaDeploy.Result result = SchemaDeploy.deploy(this.options.url(StackOptions.REGISTRY),
					admin.username() + ":" + admin.password(), lines);
			say("Schemas: " + result.subjects().size() + " subjects deployed, " + result.registered()
					+ " versions registered now (" + log + ")");
		}
	}

	/**
	 * Gives a part its Kafka principal the way Spring Boot reads it
	 * ({@code spring.kafka.properties.*}, which every client of the part gets), in its
	 * environment: a command line is readable by every user of the machine.
	 */
	private Part withKafkaPrincipal(Part part, String principal) {
		Broker.clientProperties(ownKafka(principal))
			.forEach((key, value) -> part.withEnvironment(
					"SPRING_KAFKA_PROPERTIES_" + key.toUpperCase(Locale.ROOT).replace('.', '_'),
					String.valueOf(value)));
		return part;
	}

	/**
	 * A part's own Kafka principal, with the TLS settings of the client listener when it
	 * has TLS (the service credentials file holds the secrets only).
	 */
	private DevelopmentCredentials.KafkaPrincipal ownKafka(String part) {
		DevelopmentCredentials.KafkaPrincipal principal = this.principals.kafka(part);
		if (this.kafkaTls == null) {
			return principal;
		}
		return new DevelopmentCredentials.KafkaPrincipal(principal.mechanism(), principal.username(),
				principal.password(), this.kafkaTls.securityProtocol(), this.kafkaTls.caFile());
	}

	private DevelopmentCredentials.KafkaPrincipal admin() {
		return this.credentials.kafka("admin");
	}

	/** The admin's client settings, with this stack's brokers. */
	private Map<String, Object> adminClient() {
		Map<String, Object> config = new HashMap<>(Broker.clientProperties(admin()));
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.options.bootstrapServers());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return config;
	}

	/**
	 * Gives every principal of both credentials files its SCRAM credentials, through the
	 * controllers, once they answer.
	 */
	private boolean giveKafkaCredentials(List<Part> brokers) throws InterruptedException {
		List<DevelopmentCredentials.KafkaPrincipal> all = new ArrayList<>(this.credentials.kafka().values());
		ServicePrincipals.ALL.forEach((name) -> all.add(this.principals.kafka(name)));
		String failure = Broker.upsertScram(this.options.bootstrapServers(), ownKafka(ServicePrincipals.BROKER), all,
				this.options.startupTimeout());
		if (failure == null) {
			say("Kafka principals: " + all.size() + " with SCRAM credentials");
			return true;
		}
		Part first = brokers.get(0);
		this.out.println("local-stack: the Kafka controllers took no credentials within "
				+ this.options.startupTimeout().toSeconds() + " s (" + failure + "). Last lines of " + first.log()
				+ ":");
		first.logTail(15).forEach((line) -> this.out.println("    " + line));
		stopAll("Stopping what was started");
		return false;
	}

	/**
	 * Creates the ACLs (docs/contract.md, Access) as the admin; those already there stay.
	 */
	private void grantAcls() throws InterruptedException {
		List<AclBinding> acls = KafkaAcls.of(this.credentials.kafka("upstream").username(),
				this.credentials.kafka("auditor").username(), username(ServicePrincipals.CASE),
				username(ServicePrincipals.MONITORING), username(ServicePrincipals.REPORTING),
				username(ServicePrincipals.REGISTRY));
		try (Admin admin = Admin.create(adminClient())) {
			KafkaSetup.createAcls(admin, acls);
		}
		say("ACLs: " + acls.size() + " entries, one writer per topic; nothing else allowed");
	}

	private String username(String part) {
		return this.principals.kafka(part).username();
	}

	/** The upstream principal's client settings, for the simulated traffic. */
	private Map<String, Object> upstreamClient() {
		// As the credentials file's upstream system: its Kafka login, and its registry
		// login for the serializer, which looks the deployed schema up.
		Map<String, Object> client = new HashMap<>(Broker.clientProperties(this.credentials.kafka("upstream")));
		DevelopmentCredentials.RegistryPrincipal registry = this.credentials.registry("upstream");
		client.put("basic.auth.credentials.source", "USER_INFO");
		client.put("basic.auth.user.info", registry.username() + ":" + registry.password());
		client.put("auto.register.schemas", false);
		return client;
	}

	/**
	 * The development identity provider: it names itself by its URL in every token,
	 * writes the credentials file into the data directory on its first start and reuses
	 * it, and sends a signed-in person back to this stack's dashboard.
	 */
	private Part identity() throws InterruptedException {
		String url = this.options.url(StackOptions.IDENTITY);
		String dashboard = this.options.url(StackOptions.REPORTING);
		ClassDataCache.Archive archive = archive(StackOptions.IDENTITY, StackOptions.IDENTITY);
		List<String> command = java(this.options.heap(StackOptions.IDENTITY));
		command.addAll(archive.options());
		command.add(QUICK_COMPILER_ONLY);
		command.addAll(List.of("-jar", runnable(StackOptions.IDENTITY).toString(),
				"--server.port=" + this.options.port(StackOptions.IDENTITY), "--identity.issuer=" + url,
				"--identity.credentials-file=" + this.options.credentialsFile(),
				"--identity.browser-client.redirect-uris=" + dashboard + "/login/oauth2/code/ops",
				"--identity.browser-client.post-logout-redirect-uris=" + dashboard + "/"));
		return new Part(StackOptions.IDENTITY, command, logs().resolve(StackOptions.IDENTITY + ".log"),
				Part.answers200(url + "/.well-known/openid-configuration"), url + "/actuator/health/liveness")
			.withClassData(archive);
	}

	/**
	 * A service, with Spring Boot's Kafka settings pointing at this stack and its tokens
	 * checked against this stack's identity provider.
	 */
	private Part service(String part) throws InterruptedException {
		// Every case-service instance runs the same jar; each keeps its own stores.
		String jar = part.equals(StackOptions.CASE_2) ? StackOptions.CASE : part;
		ClassDataCache.Archive archive = archive(jar, part);
		List<String> command = java(this.options.heap(part));
		command.addAll(archive.options());
		command.addAll(List.of("-jar", runnable(jar).toString(), "--server.port=" + this.options.port(part),
				"--spring.kafka.bootstrap-servers=" + this.options.bootstrapServers(),
				"--spring.kafka.properties.schema.registry.url=" + this.options.url(StackOptions.REGISTRY),
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + this.options.url(StackOptions.IDENTITY)));
		if (!part.equals(StackOptions.REPORTING)) {
			command.add("--spring.kafka.streams.state-dir=" + this.options.dataDir().resolve("state").resolve(part));
		}
		else if (this.options.asOf() != null) {
			command.add("--reporting-service.as-of=" + this.options.asOf());
		}
		Part service = new Part(part, command, logs().resolve(part + ".log"),
				Part.answers200(this.options.url(part) + "/actuator/health/readiness"),
				this.options.url(part) + "/actuator/health/liveness")
			.withClassData(archive);
		if (jar.equals(StackOptions.CASE)) {
			service.withEnvironment("CASESERVICE_INTAKESIGNINGSECRET", this.intakeSigningSecret);
		}
		// The service signs in to the registry as a reader and registers nothing: the
		// deploy step registered every schema it writes.
		DevelopmentCredentials.RegistryPrincipal reader = this.principals.registry(jar);
		service.withEnvironment("SPRING_KAFKA_PROPERTIES_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO")
			.withEnvironment("SPRING_KAFKA_PROPERTIES_BASIC_AUTH_USER_INFO",
					reader.username() + ":" + reader.password())
			.withEnvironment("SPRING_KAFKA_PROPERTIES_AUTO_REGISTER_SCHEMAS", "false");
		// Every case-service instance is the same principal: one application.
		return withKafkaPrincipal(service, jar);
	}

	private static String newSecret() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/** The java command of this JVM with options every part gets. */
	static List<String> java(String heap) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add(heap);
		command.add("-XX:+UseSerialGC");
		command.add("-XX:+ExitOnOutOfMemoryError");
		String extra = System.getenv("LOCAL_STACK_JAVA_OPTS");
		if (extra != null && !extra.isBlank()) {
			command.addAll(List.of(extra.trim().split("\\s+")));
		}
		return command;
	}

	private boolean startAndAwait(Part part, String where, Step before) throws IOException, InterruptedException {
		start(part, before);
		return await(part, where);
	}

	private void start(Part part, Step before) throws IOException, InterruptedException {
		if (before != null) {
			before.run();
		}
		say("Starting " + part.name() + " ...");
		synchronized (this.parts) {
			this.parts.add(part);
		}
		part.start();
	}

	private boolean await(Part part, String where) throws InterruptedException {
		if (part.awaitReady(this.options.startupTimeout())) {
			say(part.name() + " ready " + where);
			return true;
		}
		String why = part.isRunning() ? "not ready after " + this.options.startupTimeout().toSeconds() + " s"
				: "it exited with code " + part.exitCode();
		this.out.println(
				"local-stack: " + part.name() + " failed to start: " + why + ". Last lines of " + part.log() + ":");
		part.logTail(15).forEach((line) -> this.out.println("    " + line));
		stopAll("Stopping what was started");
		return false;
	}

	private void createTopics() throws InterruptedException {
		try (Admin admin = Admin.create(adminClient())) {
			int created = KafkaSetup.createTopics(admin);
			say("Topics: " + Topics.all().size() + " (" + created + " created now), " + Topics.CASE_PARTITIONS
					+ " partitions for each keyed by case");
		}
	}

	private void printReady() {
		say(String.format(Locale.ROOT, "Ready in %.1f s. Open:", seconds()));
		String reporting = this.options.url(StackOptions.REPORTING);
		this.out.println("    dashboard         " + reporting
				+ "/   (sign in as ops, password: jq -r .users.ops.password " + this.options.credentialsFile() + ")");
		this.out.println("    national figures  " + reporting + "/api/v1/stats   (live: /api/v1/stats/stream)");
		this.out.println("    wanted list       " + this.options.url(StackOptions.MONITORING) + "/api/v1/wanted");
		this.out.println("    report an event   POST " + this.options.url(StackOptions.CASE) + "/api/v1/events");
		this.out.println("    a case            " + this.options.url(StackOptions.CASE) + "/api/v1/cases/{caseId}");
		this.out.println("    schema registry   " + this.options.url(StackOptions.REGISTRY) + "/subjects");
		String identity = this.options.url(StackOptions.IDENTITY);
		this.out.println("    identity provider " + identity + "   (the issuer of every token)");
		this.out.println("    credentials       " + this.options.credentialsFile()
				+ "   (owner-only: the clients' ids and secrets, the person ops)");
		this.out.println("    Every API wants a token (README, \"Calling the APIs\"), e.g. for upstream:");
		this.out.println("      curl -u \"$(jq -r .clients.upstream.clientId " + this.options.credentialsFile()
				+ "):$(jq -r .clients.upstream.clientSecret " + this.options.credentialsFile() + ")\" \\");
		this.out
			.println("        -d grant_type=client_credentials -d scope=events:write " + identity + "/oauth2/token");
		this.out.println("    Kafka             " + this.options.bootstrapServers() + "   ("
				+ this.options.kafkaSecurityProtocol() + ", " + DevelopmentCredentials.KAFKA_MECHANISM
				+ ": kafka.upstream of the credentials file"
				+ ((this.kafkaTls != null) ? ", trusting its caFile " + this.kafkaTls.caFile() : "") + ")");
		if (this.options.asOf() != null) {
			this.out.println("    Figures are counted as of " + this.options.asOf() + ", not now.");
		}
		this.out.println("    Ctrl-C stops everything.");
	}

	private void startTraffic() throws InterruptedException {
		if (this.options.referenceScenario()) {
			try (KafkaIntakePublisher publisher = new KafkaIntakePublisher(this.options.bootstrapServers(),
					this.options.url(StackOptions.REGISTRY), upstreamClient())) {
				Replay.Result result = Replay.run(Traffic.reference(), publisher, 0, this.out);
				say(result.complete() ? "Reference scenario sent; the dashboard shows its figures in a few seconds."
						: "Reference scenario: some events could not be sent (see above).");
			}
		}
		if (this.options.simulate()) {
			this.simulationPublisher = new KafkaIntakePublisher(this.options.bootstrapServers(),
					this.options.url(StackOptions.REGISTRY), upstreamClient());
			long seed = System.currentTimeMillis();
			this.simulation = new Thread(() -> simulate(seed), "simulated-traffic");
			this.simulation.setDaemon(true);
			this.simulation.start();
			say("Simulated traffic: random cases (seed " + seed + ") at " + this.options.simulateRate()
					+ " events/s over Kafka; a count every 30 s.");
		}
	}

	private void simulate(long seed) {
		try {
			Replay.run(Traffic.random(seed, 10_000_000, Instant.now()), this.simulationPublisher,
					this.options.simulateRate(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			if (!this.stopping.get()) {
				say("Simulated traffic stopped: " + ex.getMessage());
			}
		}
	}

	/**
	 * Waits while everything runs, starting again any part that dies, until stopped.
	 */
	private int watch() throws InterruptedException {
		Supervisor supervisor = new Supervisor(this::restart, new Supervisor.Console() {
			@Override
			public void say(String line) {
				LocalStack.this.say(line);
			}

			@Override
			public void print(String line) {
				LocalStack.this.out.println(line);
			}
		}, this.options.startupTimeout());
		snapshot().forEach(supervisor::watch);
		long nextCount = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!this.stopping.get()) {
			supervisor.check();
			if (this.simulationPublisher != null && System.nanoTime() > nextCount) {
				say(String.format(Locale.ROOT, "Simulated traffic: %,d events sent so far",
						this.simulationPublisher.tally().sentCount()));
				nextCount = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			}
			TimeUnit.MILLISECONDS.sleep(500);
		}
		return 0;
	}

	/** Starts a part that died again, unless the stack is stopping. */
	private boolean restart(Part part) throws IOException {
		synchronized (this.parts) {
			if (this.stopping.get()) {
				return false;
			}
			say("Starting " + part.name() + " again ...");
			part.start();
			return true;
		}
	}

	/** Stops the traffic, then every part, the last started first. Safe to call twice. */
	void stopAll(String why) {
		// Under the lock a restart takes, so no part is started again once this begins.
		synchronized (this.parts) {
			if (!this.stopping.compareAndSet(false, true)) {
				return;
			}
		}
		List<Part> started = snapshot();
		if (started.isEmpty() && this.simulation == null) {
			return;
		}
		say(why);
		if (this.simulation != null) {
			this.simulation.interrupt();
			this.simulationPublisher.close();
		}
		List<String> memory = new ArrayList<>();
		for (int i = started.size() - 1; i >= 0; i--) {
			Part part = started.get(i);
			OptionalLong peak = part.peakResidentKib();
			if (StackOptions.CLUSTER.contains(part.name())) {
				// The nodes of a cluster are asked together: the last one left
				// alone would wait for a quorum that is gone.
				started.stream().filter((node) -> StackOptions.CLUSTER.contains(node.name())).forEach(Part::askToStop);
			}
			try {
				boolean clean = part.stop(Duration.ofSeconds(30));
				say("  " + part.name() + (clean ? " stopped" : " did not stop in 30 s and was killed"));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			peak.ifPresent((kib) -> memory.add(String.format(Locale.ROOT, "%s %,d MiB", part.name(), kib / 1024)));
		}
		if (!memory.isEmpty()) {
			say("Peak memory (resident): " + String.join(", ", memory));
		}
		say("All stopped. Data kept in " + this.options.dataDir());
	}

	private List<Part> snapshot() {
		synchronized (this.parts) {
			return List.copyOf(this.parts);
		}
	}

	private Path jar(String part) {
		return this.options.servicesDir().resolve(part + ".jar");
	}

	/**
	 * The jar a part's JVM runs: its Spring Boot jar extracted for class data sharing, or
	 * that jar itself.
	 */
	private Path runnable(String jar) throws InterruptedException {
		return this.classData.runnable(jar(jar));
	}

	/**
	 * The class data archive of a part running a Spring Boot jar; none when the jar could
	 * not be extracted (the JDK shares no class nested in a Spring Boot jar).
	 */
	private ClassDataCache.Archive archive(String jar, String part) throws InterruptedException {
		Path runnable = runnable(jar);
		if (runnable.equals(jar(jar))) {
			return ClassDataCache.Archive.NONE;
		}
		return this.classData.archive(jar, part, ClassDataCache.jarsOf(runnable.toString()));
	}

	private Path logs() {
		return this.options.dataDir().resolve("logs");
	}

	private void say(String line) {
		this.out.printf(Locale.ROOT, "[%6.1fs] %s%n", seconds(), line);
	}

	private double seconds() {
		return (System.nanoTime() - this.started) / 1e9;
	}

	private static Path defaultServicesDir() {
		try {
			Path location = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return location.getParent().resolve("services");
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Path.of("local-stack", "target", "services");
		}
	}

	/** Work to do before a part starts. */
	@FunctionalInterface
	interface Step {

		void run() throws IOException, InterruptedException;

	}

}
