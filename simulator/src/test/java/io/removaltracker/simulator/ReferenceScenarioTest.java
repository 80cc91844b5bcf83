package io.removaltracker.simulator;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.removaltracker.events.WantedSpells;
import io.removaltracker.events.WantedYears;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.intake.IntakeEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario's own bookkeeping against the reference figures of contract section 6. The
 * services' count of the same events is checked end to end in local-stack.
 */
class ReferenceScenarioTest {

	private static final Instant AS_OF = ReferenceScenario.AS_OF;

	private final List<CaseScript> cases = ReferenceScenario.cases();

	@Test
	void openCasesAreSplitAsTheNewsReportSays() {
		List<CaseScript> open = this.cases.stream().filter(CaseScript::isOpen).toList();
		assertThat(open).hasSize(1635);
		assertThat(open.stream().filter(CaseScript::wanted)).hasSize(599);
		List<CaseScript> notWanted = open.stream().filter((script) -> !script.wanted()).toList();
		assertThat(notWanted.stream().filter((script) -> script.custody() == Custody.IN_PRISON)).hasSize(401);
		assertThat(notWanted.stream().filter((script) -> script.custody() == Custody.DETAINED)).hasSize(29);
		assertThat(notWanted.stream().filter((script) -> script.custody() == Custody.IN_COMMUNITY)).hasSize(606);
	}

	@Test
	void wantedAreSplitBySeriousnessAndDuration() {
		List<CaseScript> wanted = this.cases.stream().filter(CaseScript::wanted).toList();
		assertThat(wanted.stream().filter((script) -> script.criminality() == Criminality.SERIOUS)).hasSize(431);
		assertThat(wanted.stream().filter((script) -> WantedYears.atLeast(script.wantedSince(), 3, AS_OF)))
			.hasSize(315);
		assertThat(wanted.stream()
			.filter((script) -> WantedYears.atLeast(script.wantedSince(), 2, AS_OF)
					&& !WantedYears.atLeast(script.wantedSince(), 3, AS_OF)))
			.hasSize(46);
	}

	@Test
	void wantedAtTheEndOf2021() {
		Instant lastInstant = Instant.parse("2022-01-01T00:00:00Z").minusMillis(1);
		long wanted = this.cases.stream()
			.filter((script) -> script.wantedPeriods()
				.stream()
				.anyMatch((period) -> WantedSpells.covers(period[0], period[1], lastInstant)))
			.count();
		assertThat(wanted).isEqualTo(469);
	}

	@Test
	void looksLikeTheCountry() {
		assertThat(this.cases.stream().map(CaseScript::region).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder(Region.values());
		assertThat(this.cases.stream().map(CaseScript::nationality)).contains("UNKNOWN", "STATELESS");
		assertThat(this.cases.stream().filter((script) -> !script.isOpen()).count()).isGreaterThan(700);
		List<IntakeEvent> events = ReferenceScenario.events();
		assertThat(events.get(0).getOccurredAt()).isBefore(Instant.parse("2015-02-01T00:00:00Z"));
		assertThat(events.get(events.size() - 1).getOccurredAt()).isBefore(AS_OF);
		Set<Object> types = events.stream().map(IntakeEvent::getType).collect(Collectors.toSet());
		assertThat(types).hasSize(12);
	}

	@Test
	void isTheSameEveryTimeSoAReplayChangesNothing() {
		List<IntakeEvent> first = ReferenceScenario.events();
		List<IntakeEvent> second = ReferenceScenario.events();
		assertThat(second).isEqualTo(first);
		Set<String> ids = new HashSet<>();
		first.forEach((event) -> ids.add(event.getEventId()));
		assertThat(ids).hasSize(first.size());
	}

	@Test
	void eachCaseStaysInOrderInTheCountryWideReplay() {
		List<IntakeEvent> events = ReferenceScenario.events();
		for (CaseScript script : this.cases.subList(0, 50)) {
			assertThat(events.stream().filter((event) -> event.getCaseId().equals(script.caseId())))
				.containsExactlyElementsOf(script.events());
		}
	}

}
