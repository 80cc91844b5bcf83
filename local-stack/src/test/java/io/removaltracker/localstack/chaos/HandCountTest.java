package io.removaltracker.localstack.chaos;

import java.util.Map;

import io.removaltracker.simulator.ReferenceScenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle counts the contract's reference figures from the reference scenario. */
class HandCountTest {

	@Test
	void theReferenceScenarioCountedByHandGivesTheContractsReferenceFigures() {
		HandCount count = new HandCount();
		ReferenceScenario.events().forEach(count::add);

		Map<String, Long> figures = count.figures(ReferenceScenario.AS_OF);

		assertThat(figures).containsEntry("openCases", 1635L)
			.containsEntry("wanted/total", 599L)
			.containsEntry("wanted/seriousCriminality", 431L)
			.containsEntry("wanted/byDuration/THREE_YEARS_OR_MORE", 315L)
			.containsEntry("wanted/byDuration/TWO_TO_THREE_YEARS", 46L)
			.containsEntry("byStatus/IN_PRISON", 401L)
			.containsEntry("byStatus/DETAINED", 29L)
			.containsEntry("byStatus/IN_COMMUNITY", 606L)
			.containsEntry("wantedTrend/2021-12", 469L);
		assertThat(count.wantedNow()).isEqualTo(599);
		// Enforcement work, as the scenario's documentation gives them.
		assertThat(figures).containsEntry("wanted/overdueReview", 72L)
			.containsEntry("wanted/unassigned", 42L)
			.containsEntry("byTeam/GREATER-TORONTO-1/open", 126L)
			.containsEntry("byTeam/GREATER-TORONTO-1/wanted", 43L)
			.containsEntry("byTeam/GREATER-TORONTO-1/overdueReview", 4L)
			.containsEntry("nationalityEstablished/total", 107L)
			.containsEntry("byNationality/UNKNOWN/open", 89L)
			.containsEntry("byNationality/UNKNOWN/wanted", 28L);
	}

	@Test
	void aCountLeftOutIsZeroAndAnyOtherDifferenceIsNamed() throws Exception {
		var shown = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
				"{\"asOf\": \"2024-06-30T12:00:00Z\", \"openCases\": 2, \"stayed\": 0, \"wanted\": {\"total\": 1}}");

		assertThat(HandCount.differences(Map.of("openCases", 2L, "wanted/total", 1L), shown)).isEmpty();
		assertThat(HandCount.differences(Map.of("openCases", 3L), shown))
			.containsExactly("openCases: expected 3, shown 2", "wanted/total: expected 0, shown 1");
	}

}
