package io.removaltracker.service;

import java.time.Duration;
import java.time.Instant;

import io.removaltracker.serde.RegistryUnavailableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadFailurePolicyTest {

	private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

	private final ThreadFailurePolicy policy = new ThreadFailurePolicy();

	private static StreamsException registryDown() {
		return new StreamsException("task failed",
				new RegistryUnavailableException("the registry did not give schema id 2", null));
	}

	@Test
	void aDependencyThatCannotAnswerIsWaitedForWithGrowingPausesNeverGivenUpOn() {
		long previous = 0;
		for (int i = 0; i < 20; i++) {
			ThreadFailurePolicy.Response response = this.policy.failed(registryDown(), T0.plusSeconds(i));
			assertThat(response.giveUp()).isFalse();
			assertThat(response.transientFailure()).isTrue();
			assertThat(response.pause().toMillis()).isGreaterThanOrEqualTo(previous)
				.isLessThanOrEqualTo(ThreadFailurePolicy.LONGEST_PAUSE_MS);
			previous = response.pause().toMillis();
		}
		assertThat(previous).isEqualTo(ThreadFailurePolicy.LONGEST_PAUSE_MS);
	}

	@Test
	void whileWaitingItSaysWhatForAndStopsSayingSoOnceTheRetriesGetThrough() {
		assertThat(this.policy.waitingFor(T0)).isEmpty();

		ThreadFailurePolicy.Response response = this.policy.failed(registryDown(), T0);

		assertThat(this.policy.waitingFor(T0.plusMillis(response.pause().toMillis())))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("schema id 2"));
		assertThat(this.policy.waitingFor(T0.plusSeconds(60))).isEmpty();
	}

	@Test
	void pausesStartOverAfterAQuietSpell() {
		this.policy.failed(registryDown(), T0);
		this.policy.failed(registryDown(), T0.plusSeconds(1));

		assertThat(this.policy.failed(registryDown(), T0.plusSeconds(3600)).pause())
			.isEqualTo(Duration.ofMillis(ThreadFailurePolicy.FIRST_PAUSE_MS));
	}

	@Test
	void kafkaRetriableErrorsAreTransientToo() {
		assertThat(ThreadFailurePolicy.isTransient(new StreamsException(new TimeoutException("broker")))).isTrue();
		assertThat(ThreadFailurePolicy.isTransient(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void aThreadThatKeepsDyingIsNotReplacedInALoop() {
		for (int i = 1; i < ThreadFailurePolicy.FAILURES_TO_GIVE_UP; i++) {
			assertThat(this.policy.failed(new IllegalStateException("a bug"), T0.plusSeconds(i)).giveUp()).isFalse();
		}

		assertThat(this.policy.failed(new IllegalStateException("a bug"), T0.plusSeconds(10)).giveUp()).isTrue();
	}

	@Test
	void failuresFarApartAreEachReplaced() {
		for (int i = 0; i < 3 * ThreadFailurePolicy.FAILURES_TO_GIVE_UP; i++) {
			Instant at = T0.plus(ThreadFailurePolicy.FAILURE_WINDOW.multipliedBy(i));
			assertThat(this.policy.failed(new IllegalStateException("a bug"), at).giveUp()).isFalse();
		}
	}

}
