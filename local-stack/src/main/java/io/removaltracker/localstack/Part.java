package io.removaltracker.localstack;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One part of the stack as its own operating-system process: started with its output in a
 * log file, ready when its probe says so, stopped with SIGTERM (then killed if it does
 * not stop in time). The process gets a session of its own where {@code setsid} exists,
 * so a Ctrl-C in the terminal reaches only the launcher, which then stops the parts in
 * order. A part can be started again after it died; its log then goes on after the lines
 * that tell why it died.
 */
final class Part {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final List<String> command;

	private final Path log;

	private final BooleanSupplier ready;

	private final String livenessUrl;

	/** Set in the process's environment, where secrets stay out of {@code ps}. */
	private final Map<String, String> environment = new LinkedHashMap<>();

	private volatile Process process;

	private volatile long startedNanos;

	private int starts;

	/** Its class data archive, kept once it was stopped. */
	private ClassDataCache.Archive classData = ClassDataCache.Archive.NONE;

	Part(String name, List<String> command, Path log, BooleanSupplier ready) {
		this(name, command, log, ready, null);
	}

	/**
	 * @param livenessUrl a probe that answers 503 when the part says it is broken and
	 * should be restarted, or null when it has none
	 */
	Part(String name, List<String> command, Path log, BooleanSupplier ready, String livenessUrl) {
		this.name = name;
		this.command = List.copyOf(command);
		this.log = log;
		this.ready = ready;
		this.livenessUrl = livenessUrl;
	}

	/**
	 * The class data archive its command line names: when it records one, the recording
	 * is kept after it was stopped (only then is it whole).
	 */
	Part withClassData(ClassDataCache.Archive archive) {
		this.classData = archive;
		return this;
	}

	/** Sets an environment variable of the process, from its next start on. */
	Part withEnvironment(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	void start() throws IOException {
		Files.createDirectories(this.log.getParent());
		List<String> line = new ArrayList<>();
		if (new File("/usr/bin/setsid").canExecute()) {
			line.add("/usr/bin/setsid");
		}
		line.addAll(this.command);
		// A fresh log at the first start; after that the lines of the process that died
		// stay.
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput((this.starts == 0) ? ProcessBuilder.Redirect.to(this.log.toFile())
					: ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		// glibc gives each thread that allocates natively its own arena; with RocksDB and
		// Kafka's many threads that memory stays resident. Two arenas are plenty here.
		builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
		builder.environment().putAll(this.environment);
		this.process = builder.start();
		this.startedNanos = System.nanoTime();
		this.starts++;
	}

	/** How many times the part was started. */
	int starts() {
		return this.starts;
	}

	/** How long the current (or last) process has been up. */
	Duration uptime() {
		return Duration.ofNanos(System.nanoTime() - this.startedNanos);
	}

	/** The operating-system process id, or -1 before the first start. */
	long pid() {
		Process current = this.process;
		return (current == null) ? -1 : current.pid();
	}

	/** Whether the part answers its readiness probe now. */
	boolean isReady() {
		return isRunning() && this.ready.getAsBoolean();
	}

	/**
	 * Whether the part itself says it is broken: its liveness probe answers 503 (an
	 * answer that does not come is not taken as broken, since a busy process answers
	 * late).
	 */
	boolean saysBroken() {
		if (this.livenessUrl == null || !isRunning()) {
			return false;
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.livenessUrl))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 503;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Asks the process to stop (SIGTERM) without waiting for it. */
	void askToStop() {
		Process current = this.process;
		if (current != null) {
			current.destroy();
		}
	}

	/** Kills the process (SIGKILL) without waiting for it. */
	void kill() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
		}
	}

	boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** The exit code, or -1 while running or never started. */
	int exitCode() {
		return (this.process == null || this.process.isAlive()) ? -1 : this.process.exitValue();
	}

	/**
	 * Waits until the part is ready; false when it exits first or the time runs out.
	 */
	boolean awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isRunning()) {
				return false;
			}
			if (this.ready.getAsBoolean()) {
				return true;
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		return false;
	}

	/**
	 * Stops the part: SIGTERM, then SIGKILL after the grace period. True when it stopped
	 * on its own.
	 */
	boolean stop(Duration grace) throws InterruptedException {
		if (!isRunning()) {
			return true;
		}
		this.process.destroy();
		if (this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
			this.classData.keep();
			return true;
		}
		this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		return false;
	}

	/** The process's peak resident memory so far (Linux), in KiB. */
	OptionalLong peakResidentKib() {
		return isRunning() ? peakResidentKib(this.process.pid()) : OptionalLong.empty();
	}

	/** A process's peak resident memory so far (Linux {@code VmHWM}), in KiB. */
	static OptionalLong peakResidentKib(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or the process just ended: no figure.
		}
		return OptionalLong.empty();
	}

	/** The last lines of the log, to show why a part failed. */
	List<String> logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return all.subList(Math.max(0, all.size() - lines), all.size());
		}
		catch (IOException | RuntimeException ex) {
			return List.of("(log not readable: " + ex.getMessage() + ")");
		}
	}

	/** A probe that is true when the URL answers 200. */
	static BooleanSupplier answers200(String url) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
		return () -> {
			try {
				return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		};
	}

}
