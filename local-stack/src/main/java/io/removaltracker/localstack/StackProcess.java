package io.removaltracker.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.removaltracker.simulator.AccessTokens;
import io.removaltracker.simulator.KafkaCredentials;

/**
 * The packaged launcher ({@code local-stack.jar}) run as a real process, the way the
 * README's command runs it, on free ports so it never meets another stack: for the
 * end-to-end tests and the pipeline benchmark. Its output is kept to read, and echoed
 * with a {@code [stack]} prefix.
 */
public final class StackProcess implements AutoCloseable {

	private final Process process;

	private final List<String> output = new ArrayList<>();

	private final Map<String, Integer> ports;

	private final Thread reader;

	private final boolean cluster;

	private final Path dataDir;

	private final Map<String, AccessTokens> tokens = new ConcurrentHashMap<>();

	private StackProcess(Process process, Map<String, Integer> ports, boolean cluster, Path dataDir) {
		this.process = process;
		this.ports = ports;
		this.cluster = cluster;
		this.dataDir = dataDir;
		this.reader = new Thread(this::readOutput, "local-stack-output");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Free ports for every part, by the launcher's option names. */
	public static Map<String, Integer> freePorts() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		List<ServerSocket> held = new ArrayList<>();
		try {
			// All held open together, so no port is handed out twice.
			for (String option : List.of("kafka-port", "controller-port", "registry-port", "identity-port", "case-port",
					"case-port-2", "monitoring-port", "reporting-port", "kafka-port-2", "kafka-port-3",
					"controller-port-2", "controller-port-3")) {
				ServerSocket socket = new ServerSocket(0);
				held.add(socket);
				ports.put(option, socket.getLocalPort());
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : held) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing a probe socket cannot matter.
				}
			}
		}
	}

	/** An empty directory at that place, emptied if it exists. */
	public static Path freshDataDir(Path dir) {
		try {
			deleteTree(dir);
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes a directory and everything in it; nothing when it does not exist. */
	public static void deleteTree(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (var paths = Files.walk(dir)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	/**
	 * @param jar the packaged launcher
	 * @param env extra environment for the launcher and its parts
	 */
	public static StackProcess start(Path jar, Path dataDir, Map<String, Integer> ports, Map<String, String> env,
			String... extra) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
						jar.toAbsolutePath().toString(), "--data-dir", dataDir.toString()));
		ports.forEach((option, port) -> command.addAll(List.of("--" + option, String.valueOf(port))));
		command.addAll(List.of(extra));
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(env);
			String options = String.join(" ", extra);
			return new StackProcess(builder.start(), ports, options.contains("--brokers 3"), dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits up to four minutes for the launcher to say it is ready. */
	public StackProcess awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
		while (!output().contains("] Ready in ")) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the stack exited with " + this.process.exitValue() + ":\n" + output());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the stack was not ready within 4 minutes:\n" + output());
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		return this;
	}

	/**
	 * Peak resident memory (Linux VmHWM) of each part now running, by the jar or main
	 * class on its command line, in KiB.
	 */
	public Map<String, Long> peakResidentKib() {
		Map<String, Long> peaks = new java.util.TreeMap<>();
		this.process.toHandle()
			.descendants()
			.forEach((child) -> partName(child)
				.ifPresent((part) -> Part.peakResidentKib(child.pid()).ifPresent((kib) -> peaks.put(part, kib))));
		return peaks;
	}

	/**
	 * The process of a part now running: {@code kafka} (or {@code kafka-1} to
	 * {@code kafka-3} with {@code --brokers 3}), {@code dev-schema-registry},
	 * {@code dev-identity-provider}, {@code case-service} (and {@code case-service-2}
	 * with {@code --case-instances 2}), {@code monitoring-service} or
	 * {@code reporting-service}.
	 */
	public Optional<ProcessHandle> part(String name) {
		return this.process.toHandle()
			.descendants()
			.filter((child) -> child.isAlive() && partName(child).filter(name::equals).isPresent())
			.findFirst();
	}

	/**
	 * Which part a process of the stack is, by the jar or main class it runs and its
	 * port.
	 */
	private Optional<String> partName(ProcessHandle process) {
		String line = process.info().commandLine().orElse("");
		if (line.contains(" kafka.Kafka ")) {
			// kafka alone, kafka-1 to kafka-3 in a cluster: the folder of its
			// configuration.
			return Optional.of(line.replaceAll(".* kafka\\.Kafka .*/(kafka(-\\d)?)/server\\.properties.*", "$1"));
		}
		// The jar it runs: from services/, or its extracted copy in class-data/.
		String part = line.replaceAll(".* -jar \\S*/([a-z-]+)\\.jar.*", "$1");
		if (part.equals(line)) {
			return Optional.empty();
		}
		Integer second = this.ports.get("case-port-2");
		return Optional.of((second != null && line.contains("--server.port=" + second + " ")) ? part + "-2" : part);
	}

	/**
	 * Waits until the launcher has printed a line containing {@code text} at least
	 * {@code times} times.
	 */
	public void awaitOutput(String text, int times, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (occurrences(text) < times) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the stack exited with " + this.process.exitValue() + ":\n" + output());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"'" + text + "' not printed " + times + " times within " + timeout + ":\n" + output());
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
	}

	/** How many lines of the launcher's output contain {@code text}. */
	public long occurrences(String text) {
		synchronized (this.output) {
			return this.output.stream().filter((line) -> line.contains(text)).count();
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public String url(String portOption) {
		return "http://127.0.0.1:" + this.ports.get(portOption);
	}

	/**
	 * The credentials file the stack's identity provider wrote into its data directory.
	 */
	public Path credentialsFile() {
		return this.dataDir.resolve("credentials.json");
	}

	/**
	 * Tokens of a client of the credentials file ({@link AccessTokens#UPSTREAM} and the
	 * others), one source per client, kept for the life of this stack.
	 */
	public AccessTokens tokens(String client) {
		return this.tokens.computeIfAbsent(client, (name) -> AccessTokens.fromCredentialsFile(credentialsFile(), name));
	}

	/**
	 * Kafka client settings (bootstrap servers, SASL, and TLS where the stack has it) of
	 * a principal: {@code upstream}, {@code auditor} or {@code admin} from the
	 * credentials file, or one of the stack's own ({@code case-service},
	 * {@code monitoring-service}, {@code reporting-service}, {@code schema-registry})
	 * from the service credentials beside it.
	 */
	public Map<String, Object> kafkaClientProperties(String principal) {
		Path file = ServicePrincipals.ALL.contains(principal) ? this.dataDir.resolve(ServicePrincipals.FILE_NAME)
				: credentialsFile();
		Map<String, Object> config = new LinkedHashMap<>(KafkaCredentials.fromCredentialsFile(file, principal));
		if (ServicePrincipals.ALL.contains(principal)) {
			// The service credentials hold secrets only; how the listener is reached
			// (TLS or not) is in the credentials file, the same for every principal.
			KafkaCredentials.fromCredentialsFile(credentialsFile(), "admin").forEach((key, value) -> {
				if (key.equals("security.protocol") || key.startsWith("ssl.")) {
					config.put(key, value);
				}
			});
		}
		config.put("bootstrap.servers", bootstrapServers());
		return config;
	}

	/**
	 * {@code name:password} of a principal of the schema registry: {@code upstream} or
	 * {@code admin} of the credentials file, or a service of the stack's own file.
	 */
	public String registryUserInfo(String principal) {
		Path file = ServicePrincipals.ALL.contains(principal) ? this.dataDir.resolve(ServicePrincipals.FILE_NAME)
				: credentialsFile();
		Object userInfo = KafkaCredentials.fromCredentialsFile(file, principal).get("basic.auth.user.info");
		if (userInfo == null) {
			throw new IllegalStateException(file + " has no registry." + principal);
		}
		return userInfo.toString();
	}

	public String bootstrapServers() {
		if (this.cluster) {
			return "127.0.0.1:" + this.ports.get("kafka-port") + ",127.0.0.1:" + this.ports.get("kafka-port-2")
					+ ",127.0.0.1:" + this.ports.get("kafka-port-3");
		}
		return "127.0.0.1:" + this.ports.get("kafka-port");
	}

	public String output() {
		synchronized (this.output) {
			return String.join("\n", this.output);
		}
	}

	/** Waits for the process to end on its own; its exit code. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("the stack did not exit within " + timeout + ":\n" + output());
		}
		// Its last lines may still be on their way through the pipe.
		this.reader.join(Duration.ofSeconds(10).toMillis());
		return this.process.exitValue();
	}

	/**
	 * Sends SIGTERM, as Ctrl-C or a service manager would, and waits for the exit code.
	 */
	public int terminate() throws InterruptedException {
		// Through the handle: Process.destroy() would also close the pipe and lose the
		// last lines.
		this.process.toHandle().destroy();
		return awaitExit(Duration.ofSeconds(120));
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			terminate();
		}
	}

	private void readOutput() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				System.out.println("[stack] " + line);
				synchronized (this.output) {
					this.output.add(line);
				}
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

}
