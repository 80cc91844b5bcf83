package io.removaltracker.caseservice.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportedByTest {

	@Test
	void aClientTokenIsNamedByItsClientId() {
		Map<String, Object> claims = Map.of("client_id", "intake-portal", "azp", "other-client", "sub",
				"service-account-7");

		assertThat(ReportedBy.fromToken(claims)).contains("intake-portal");
	}

	@Test
	void withoutAClientIdTheAuthorizedPartyNamesTheCaller() {
		Map<String, Object> claims = Map.of("azp", "officer-console", "sub", "3f2a9c1e");

		assertThat(ReportedBy.fromToken(claims)).contains("officer-console");
	}

	@Test
	void aPersonsTokenWithNeitherIsNamedBySubject() {
		Map<String, Object> claims = Map.of("sub", "ops", "scope", "stats:read wanted:read");

		assertThat(ReportedBy.fromToken(claims)).contains("ops");
	}

	@Test
	void blankOrNonTextClaimsAreSkipped() {
		Map<String, Object> claims = new HashMap<>();
		claims.put("client_id", " ");
		claims.put("azp", List.of("a", "b"));
		claims.put("sub", "ops");

		assertThat(ReportedBy.fromToken(claims)).contains("ops");
	}

	@Test
	void aTokenNamingNobodyGivesNoName() {
		assertThat(ReportedBy.fromToken(Map.of("scope", "cases:read"))).isEmpty();
	}

	@Test
	void kafkaEventsAreReportedByKafkaAndTheirSource() {
		assertThat(ReportedBy.overKafka("corrections-feed")).isEqualTo("kafka:corrections-feed");
		assertThat(ReportedBy.overKafka(null)).isEqualTo("kafka:unknown");
		assertThat(ReportedBy.overKafka("")).isEqualTo("kafka:unknown");
	}

}
