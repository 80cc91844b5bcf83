package io.removaltracker.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorCliTest {

	@TempDir
	Path dir;

	@Test
	void overHttpWithoutACredentialsFileNothingIsSentAndTheFileIsNamed() throws InterruptedException {
		Path missing = this.dir.resolve("credentials.json");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int code = SimulatorCli.run(new String[] { "reference", "--via", "http", "--credentials", missing.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(code).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8))
			.startsWith("simulator: there is no credentials file " + missing.toAbsolutePath());
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void theCredentialsOptionIsInTheUsage() throws InterruptedException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int code = SimulatorCli.run(new String[] { "--help" }, new PrintStream(out, true, StandardCharsets.UTF_8),
				System.err);

		assertThat(code).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--credentials FILE", "data/credentials.json");
	}

}
