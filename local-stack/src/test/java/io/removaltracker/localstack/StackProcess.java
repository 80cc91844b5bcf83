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
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged launcher ({@code target/local-stack.jar}) run as a real process, the way
 * the README's command runs it, on free ports so it never meets another stack. Its output
 * is kept for assertions and echoed to the test's output file.
 */
final class StackProcess implements AutoCloseable {

	private final Process process;

	private final List<String> output = new ArrayList<>();

	private final Map<String, Integer> ports;

	private final Thread reader;

	private StackProcess(Process process, Map<String, Integer> ports) {
		this.process = process;
		this.ports = ports;
		this.reader = new Thread(this::readOutput, "local-stack-output");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** Free ports for every part, by the launcher's option names. */
	static Map<String, Integer> freePorts() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		List<ServerSocket> held = new ArrayList<>();
		try {
			// All held open together, so no port is handed out twice.
			for (String option : List.of("kafka-port", "controller-port", "registry-port", "case-port",
					"monitoring-port", "reporting-port")) {
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

	/**
	 * A fresh data directory under {@code target/}, so the parts' logs stay there to read
	 * after a failure.
	 */
	static Path freshDataDir(String name) {
		Path dir = Path.of("target", name).toAbsolutePath();
		try {
			if (Files.exists(dir)) {
				try (var paths = Files.walk(dir)) {
					paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
				}
			}
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static StackProcess start(Path dataDir, Map<String, Integer> ports, String... extra) {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				Path.of("target", "local-stack.jar").toAbsolutePath().toString(), "--data-dir", dataDir.toString()));
		ports.forEach((option, port) -> command.addAll(List.of("--" + option, String.valueOf(port))));
		command.addAll(List.of(extra));
		try {
			return new StackProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), ports);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	StackProcess awaitReady() {
		await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!this.process.isAlive()) {
				throw new AssertionError("the stack exited with " + this.process.exitValue() + ":\n" + output());
			}
			return output().contains("] Ready in ");
		});
		return this;
	}

	String url(String portOption) {
		return "http://127.0.0.1:" + this.ports.get(portOption);
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.ports.get("kafka-port");
	}

	String output() {
		synchronized (this.output) {
			return String.join("\n", this.output);
		}
	}

	/** Waits for the process to end on its own; its exit code. */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("the stack did not exit within " + timeout + ":\n" + output());
		}
		// Its last lines may still be on their way through the pipe.
		this.reader.join(Duration.ofSeconds(10).toMillis());
		return this.process.exitValue();
	}

	/**
	 * Sends SIGTERM, as Ctrl-C or a service manager would, and waits for the exit code.
	 */
	int terminate() throws InterruptedException {
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
