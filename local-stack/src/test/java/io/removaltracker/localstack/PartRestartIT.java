package io.removaltracker.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.removaltracker.simulator.AccessTokens;
import io.removaltracker.testing.HttpJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A part killed with SIGKILL does not take the stack down: the launcher names it, shows
 * its exit code and the end of its log, starts it again, and the other parts run on
 * untouched.
 */
class PartRestartIT {

	private static final Path JAR = Path.of("target", "local-stack.jar");

	@Test
	void aKilledServiceIsReportedAndStartedAgainWhileTheOthersRunOn() throws Exception {
		Path dataDir = StackProcess.freshDataDir(Path.of("target", "restart-data").toAbsolutePath());
		Map<String, Integer> ports = StackProcess.freePorts();
		try (StackProcess stack = StackProcess.start(JAR, dataDir, ports, Map.of()).awaitReady()) {
			ProcessHandle monitoring = stack.part("monitoring-service").orElseThrow();
			long casePid = stack.part("case-service").orElseThrow().pid();
			long brokerPid = stack.part("kafka").orElseThrow().pid();

			monitoring.destroyForcibly();

			stack.awaitOutput("monitoring-service stopped on its own (exit code 137)", 1, Duration.ofSeconds(30));
			// The report's lines are printed one after the other: wait for its last one.
			stack.awaitOutput("Restarting monitoring-service in 1 s (restart 1); the other parts run on.", 1,
					Duration.ofSeconds(10));
			assertThat(stack.output()).contains("Last lines of " + dataDir.resolve("logs/monitoring-service.log"));
			HttpJson caseService = new HttpJson(stack.url("case-port")).anonymous();
			assertThat(caseService.get("/actuator/health/readiness").status()).as("case-service runs on")
				.isEqualTo(200);
			assertThat(new HttpJson(stack.url("reporting-port"))
				.withAuthorization(stack.tokens(AccessTokens.DASHBOARD)::authorization)
				.get("/api/v1/stats")
				.status()).isEqualTo(200);

			stack.awaitOutput("monitoring-service ready again (restart 1", 1, Duration.ofMinutes(3));
			HttpJson monitoringApi = new HttpJson(stack.url("monitoring-port"))
				.withAuthorization(stack.tokens(AccessTokens.OFFICER)::authorization);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(monitoringApi.get("/api/v1/wanted").status()).isEqualTo(200));
			assertThat(stack.part("monitoring-service").orElseThrow().pid()).isNotEqualTo(monitoring.pid());
			assertThat(stack.part("case-service").orElseThrow().pid()).as("not restarted").isEqualTo(casePid);
			assertThat(stack.part("kafka").orElseThrow().pid()).as("not restarted").isEqualTo(brokerPid);

			assertThat(stack.terminate()).as(stack.output()).isIn(0, 143);
			assertThat(stack.output()).contains("monitoring-service stopped", "kafka stopped", "All stopped");
		}
	}

}
