package io.removaltracker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.removaltracker.events.Nationality;
import io.removaltracker.events.WantedSpells;
import io.removaltracker.events.WantedYears;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.ReleasedFromPrison;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario's own bookkeeping against the reference figures (docs/contract.md,
 * Figures). The services' count of the same events is checked end to end in local-stack.
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
		assertThat(types).containsExactlyInAnyOrder((Object[]) CaseEventType.values());
	}

	@Test
	void mostWantedCasesHaveATeamAndSomeAreOverdueForReview() {
		Section8 figures = Section8.count(ReferenceScenario.events());
		assertThat(figures.wanted()).hasSize(599);
		assertThat(figures.overdueReview()).isEqualTo(72);
		assertThat(figures.unassigned()).isEqualTo(42);
		Map<String, List<Long>> byTeam = figures.byTeam();
		assertThat(byTeam).hasSize(18).containsEntry("GREATER-TORONTO-1", List.of(126L, 43L, 4L));
		assertThat(byTeam.values().stream().mapToLong((counts) -> counts.get(0)).sum()).as("open with a team")
			.isEqualTo(1510);
		assertThat(byTeam.values().stream().mapToLong((counts) -> counts.get(1)).sum()).as("wanted with a team")
			.isEqualTo(599 - 42);
		assertThat(byTeam.values().stream().mapToLong((counts) -> counts.get(2)).sum())
			.as("overdue with a team, of the 72")
			.isEqualTo(67);
		assertThat(figures.wanted()).as("no review due within a day of the figures' instant")
			.noneMatch((facts) -> Duration.between(facts.reviewDue(), AS_OF).abs().compareTo(Duration.ofDays(1)) < 0);
	}

	@Test
	void someUnknownNationalitiesAreEstablished() {
		Section8 figures = Section8.count(ReferenceScenario.events());
		assertThat(figures.nationalityEstablished).isEqualTo(107);
		assertThat(figures.corrections).as("of those, a known nationality corrected").isEqualTo(10);
		assertThat(figures.nationality("UNKNOWN")).as("open and wanted, of unknown nationality now")
			.containsExactly(89L, 28L);
	}

	/**
	 * The wanted list counts overdue reviews at the instant of the request, not at
	 * {@link #AS_OF}: from July 2025 on, every wanted case of the scenario is overdue
	 * there.
	 */
	@Test
	void everyWantedCaseIsOverdueForReviewByJuly2025() {
		assertThat(Section8.count(ReferenceScenario.events()).wanted())
			.allSatisfy((facts) -> assertThat(facts.reviewDue()).isBefore(Instant.parse("2025-07-01T00:00:00Z")));
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

	/**
	 * The enforcement figures (docs/contract.md, Enforcement work) as of {@link #AS_OF},
	 * counted by hand from the scenario's events with the contract's words, not from the
	 * scenario's own scripts: custody and openness by Intake, wanted spells by Wanted
	 * flags, teams, nationalities and review dates by Enforcement work.
	 */
	private static final class Section8 {

		/** One case as its events leave it. */
		private static final class Facts {

			Criminality criminality;

			String nationality;

			String team;

			Custody custody;

			boolean open;

			Instant wantedSince;

			/** The latest of wantedSince and the reviews of the current spell. */
			Instant reviewedAt;

			Instant reviewDue() {
				int years = (this.criminality == Criminality.NONE) ? 3 : 1;
				return this.reviewedAt.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
			}

		}

		final Map<String, Facts> cases = new TreeMap<>();

		int nationalityEstablished;

		/** Of those, a nationality other than {@code UNKNOWN} changed. */
		int corrections;

		static Section8 count(List<IntakeEvent> events) {
			Section8 count = new Section8();
			events.forEach(count::add);
			return count;
		}

		private void add(IntakeEvent event) {
			Facts facts = this.cases.computeIfAbsent(event.getCaseId(), (id) -> new Facts());
			Instant at = event.getOccurredAt();
			switch (event.getType()) {
				case CASE_OPENED -> {
					CaseOpened opened = (CaseOpened) event.getPayload();
					facts.criminality = opened.getCriminality();
					facts.nationality = opened.getNationality();
					facts.custody = opened.getCustody();
					facts.open = true;
				}
				case HEARING_MISSED -> {
					if (facts.custody == Custody.IN_COMMUNITY && facts.wantedSince == null) {
						facts.wantedSince = at;
						facts.reviewedAt = at;
					}
				}
				case ARRESTED, IMPRISONED, REMOVED, CASE_CLOSED -> {
					facts.custody = (event.getType() == CaseEventType.IMPRISONED) ? Custody.IN_PRISON
							: Custody.DETAINED;
					facts.open = event.getType() == CaseEventType.ARRESTED
							|| event.getType() == CaseEventType.IMPRISONED;
					facts.wantedSince = null;
					facts.reviewedAt = null;
				}
				case RELEASED_FROM_PRISON ->
					facts.custody = (((ReleasedFromPrison) event.getPayload()).getReleasedTo() == ReleasedTo.DETAINED)
							? Custody.DETAINED : Custody.IN_COMMUNITY;
				case RELEASED_ON_CONDITIONS -> facts.custody = Custody.IN_COMMUNITY;
				case NATIONALITY_ESTABLISHED -> {
					this.corrections += Nationality.UNKNOWN.equals(facts.nationality) ? 0 : 1;
					facts.nationality = ((NationalityEstablished) event.getPayload()).getNationality();
					this.nationalityEstablished++;
				}
				case ASSIGNED_TO_TEAM -> facts.team = ((AssignedToTeam) event.getPayload()).getTeam();
				case REVIEW_COMPLETED -> {
					if (facts.wantedSince != null) {
						facts.reviewedAt = at;
					}
				}
				default -> {
					// Hearings scheduled and attended, stays: nothing counted here.
				}
			}
		}

		List<Facts> wanted() {
			return this.cases.values().stream().filter((facts) -> facts.open && facts.wantedSince != null).toList();
		}

		long overdueReview() {
			return wanted().stream().filter((facts) -> facts.reviewDue().isBefore(AS_OF)).count();
		}

		long unassigned() {
			return wanted().stream().filter((facts) -> facts.team == null).count();
		}

		/** team to {open, wanted, overdueReview}, for open cases with a team. */
		Map<String, List<Long>> byTeam() {
			Map<String, long[]> counts = new TreeMap<>();
			for (Facts facts : this.cases.values()) {
				if (facts.open && facts.team != null) {
					long[] count = counts.computeIfAbsent(facts.team, (team) -> new long[3]);
					count[0]++;
					if (facts.wantedSince != null) {
						count[1]++;
						count[2] += facts.reviewDue().isBefore(AS_OF) ? 1 : 0;
					}
				}
			}
			Map<String, List<Long>> byTeam = new TreeMap<>();
			counts.forEach((team, count) -> byTeam.put(team, List.of(count[0], count[1], count[2])));
			return byTeam;
		}

		/** {open, wanted} of open cases by current nationality. */
		List<Long> nationality(String nationality) {
			List<Facts> open = this.cases.values()
				.stream()
				.filter((facts) -> facts.open && nationality.equals(facts.nationality))
				.toList();
			return List.of((long) open.size(), open.stream().filter((facts) -> facts.wantedSince != null).count());
		}

	}

}
