package io.removaltracker.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher says clearly why it cannot start, and leaves nothing running. */
class StartFailuresIT {

	private static final Path JAR = Path.of("target", "local-stack.jar");

	private static final Path SERVICES = Path.of("target", "services");

	@TempDir
	Path dataDir;

	@Test
	void aTakenPortIsNamedAndNothingStarts() throws Exception {
		Map<String, Integer> ports = StackProcess.freePorts();
		try (ServerSocket squatter = new ServerSocket()) {
			squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get("case-port")));
			StackProcess stack = StackProcess.start(JAR, this.dataDir, ports, Map.of());
			assertThat(stack.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
			assertThat(stack.output()).contains("port " + ports.get("case-port") + " (case-service) is already in use",
					"--case-port", "Nothing was started");
		}
		assertThat(Files.exists(this.dataDir.resolve("kafka"))).isFalse();
	}

	@Test
	void aPartThatCannotStartIsReportedAndWhatStartedIsStopped() throws Exception {
		Path brokenJars = Files.createDirectories(this.dataDir.resolve("broken"));
		for (String part : List.of("dev-schema-registry", "case-service", "monitoring-service", "reporting-service")) {
			Files.writeString(brokenJars.resolve(part + ".jar"), "not a jar");
		}
		// The identity provider starts beside the broker: a real one, so the registry is
		// the part that fails.
		Files.copy(SERVICES.resolve("dev-identity-provider.jar"), brokenJars.resolve("dev-identity-provider.jar"));
		Map<String, Integer> ports = StackProcess.freePorts();
		StackProcess stack = StackProcess.start(JAR, this.dataDir.resolve("data"), ports, Map.of(), "--services-dir",
				brokenJars.toString());
		assertThat(stack.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
		assertThat(stack.output()).contains("kafka ready", "dev-schema-registry failed to start: it exited with code",
				"dev-schema-registry.log", "kafka stopped", "All stopped");
		assertThat(listening(ports.get("kafka-port"))).as("the broker was stopped").isFalse();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
