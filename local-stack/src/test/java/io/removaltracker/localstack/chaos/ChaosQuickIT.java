package io.removaltracker.localstack.chaos;

import java.nio.file.Path;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The quick subset of {@code ./chaos} in every build: the registry frozen while a
 * third-party producer writes with a schema id no service has cached, the broker killed
 * and restarted, and each service killed once, all under load, each checked against the
 * hand-counted oracle. Data and logs stay in {@code target/chaos-it-data}.
 */
class ChaosQuickIT {

	private static final Path JAR = Path.of("target", "local-stack.jar");

	@Test
	void noEventIsLostOrDoubledAndEveryFigureIsExactUnderTheQuickFaults() throws Exception {
		List<Outcome> outcomes;
		try (ChaosSuite suite = ChaosSuite.start(JAR, Path.of("target", "chaos-it-data").toAbsolutePath(), 30,
				System.out, ChaosSuite.Shape.PLAIN)) {
			outcomes = suite.run(ChaosSuite.QUICK);
		}
		SoftAssertions softly = new SoftAssertions();
		for (Outcome outcome : outcomes) {
			String context = outcome.id() + ": " + outcome;
			softly.assertThat(outcome.lost()).as("lost, " + context).isZero();
			softly.assertThat(outcome.doubled()).as("doubled, " + context).isZero();
			softly.assertThat(outcome.gaps()).as("sequence gaps, " + context).isZero();
			softly.assertThat(outcome.notAcknowledged()).as("not acknowledged, " + context).isZero();
			softly.assertThat(outcome.figureDifferences()).as("figures against the oracle, " + context).isEmpty();
			softly.assertThat(outcome.wantedShown()).as("wanted total, " + context).isEqualTo(outcome.wantedExpected());
			softly.assertThat(outcome.rejected()).as("rejected on intake, " + context).isZero();
			softly.assertThat(outcome.undecodableSkipped()).as("skipped as undecodable, " + context).isZero();
			softly.assertThat(outcome.http5xxOther()).as("5xx other than 503, " + context).isZero();
			softly.assertThat(outcome.recoverySeconds()).as("recovered in time, " + context).isNotNegative();
			softly.assertThat(outcome.settleSeconds()).as("settled in time, " + context).isNotNegative();
		}
		softly.assertAll();
	}

}
