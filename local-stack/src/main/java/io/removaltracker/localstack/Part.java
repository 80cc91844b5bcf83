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
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One part of the stack as its own operating-system process: started with its output in a
 * log file, ready when its probe says so, stopped with SIGTERM (then killed if it does
 * not stop in time). The process gets a session of its own where {@code setsid} exists,
 * so a Ctrl-C in the terminal reaches only the launcher, which then stops the parts in
 * order.
 */
final class Part {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final List<String> command;

	private final Path log;

	private final BooleanSupplier ready;

	private Process process;

	Part(String name, List<String> command, Path log, BooleanSupplier ready) {
		this.name = name;
		this.command = List.copyOf(command);
		this.log = log;
		this.ready = ready;
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
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		// glibc gives each thread that allocates natively its own arena; with RocksDB and
		// Kafka's many threads that memory stays resident. Two arenas are plenty here.
		builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
		this.process = builder.start();
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
