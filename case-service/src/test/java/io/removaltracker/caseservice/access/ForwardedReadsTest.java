package io.removaltracker.caseservice.access;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedReadsTest {

	private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

	private final SigningKey key = SigningKey.fromSecret("a secret every case-service instance shares");

	private final ForwardedReads taker = new ForwardedReads(this.key, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void theHolderTrustsAMarkForThePathAndCallerItWasMadeFor() {
		String mark = this.taker.mark("/api/v1/cases/C-1", "officer-console");

		assertThat(holderAt(NOW.plusSeconds(2)).verifies(mark, "/api/v1/cases/C-1", "officer-console")).isTrue();
		assertThat(holderAt(NOW).verifies(mark, "/api/v1/cases/C-2", "officer-console")).isFalse();
		assertThat(holderAt(NOW).verifies(mark, "/api/v1/cases/C-1/events", "officer-console")).isFalse();
		assertThat(holderAt(NOW).verifies(mark, "/api/v1/cases/C-1", "someone-else")).isFalse();
	}

	@Test
	void anOldMarkOrOneAClientMadeUpIsNotTrusted() {
		String mark = this.taker.mark("/api/v1/cases/C-1", "officer-console");

		assertThat(holderAt(NOW.plusSeconds(61)).verifies(mark, "/api/v1/cases/C-1", "officer-console")).isFalse();
		assertThat(holderAt(NOW).verifies("1", "/api/v1/cases/C-1", "officer-console")).isFalse();
		assertThat(holderAt(NOW).verifies(NOW.toEpochMilli() + ".forged", "/api/v1/cases/C-1", "officer-console"))
			.isFalse();
		assertThat(new ForwardedReads(SigningKey.random(), Clock.fixed(NOW, ZoneOffset.UTC)).verifies(mark,
				"/api/v1/cases/C-1", "officer-console"))
			.isFalse();
	}

	private ForwardedReads holderAt(Instant now) {
		return new ForwardedReads(this.key, Clock.fixed(now, ZoneOffset.UTC));
	}

}
