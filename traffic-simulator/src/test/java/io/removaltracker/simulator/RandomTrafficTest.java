package io.removaltracker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.removaltracker.events.Nationality;
import io.removaltracker.events.Team;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.ReleasedFromPrison;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RandomTrafficTest {

	private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void theSameSeedMakesTheSameCasesAndAnotherSeedOthers() {
		List<IntakeEvent> first = all(new RandomTraffic(7, 200, END));
		assertThat(all(new RandomTraffic(7, 200, END))).isEqualTo(first);
		List<IntakeEvent> other = all(new RandomTraffic(8, 200, END));
		assertThat(other).extracting(IntakeEvent::getCaseId)
			.doesNotContainAnyElementsOf(first.stream().map(IntakeEvent::getCaseId).toList());
	}

	@Test
	void everyCaseOpensFirstAndStaysBeforeTheEnd() {
		RandomTraffic traffic = new RandomTraffic(3, 2000, END);
		int cases = 0;
		while (traffic.hasNext()) {
			List<IntakeEvent> events = traffic.next();
			cases++;
			assertThat(events.get(0).getType()).isEqualTo(CaseEventType.CASE_OPENED);
			assertThat(events).allSatisfy((event) -> assertThat(event.getOccurredAt()).isBefore(END));
			assertThat(events).extracting(IntakeEvent::getOccurredAt).isSorted();
		}
		assertThat(cases).isEqualTo(2000);
	}

	@Test
	void coversEveryEventTypeAndFlagsSomePeople() {
		List<IntakeEvent> events = all(new RandomTraffic(11, 3000, END));
		assertThat(events).extracting(IntakeEvent::getType).contains(CaseEventType.values());
		assertThat(events.size()).isBetween(3000 * 3, 3000 * 20);
	}

	@Test
	void theStoryComesInPlausibleProportions() {
		Tally tally = tally(new RandomTraffic(11, 3000, END));
		int attended = tally.types.get(CaseEventType.HEARING_ATTENDED);
		int missed = tally.types.get(CaseEventType.HEARING_MISSED);
		assertThat(share(missed, attended + missed)).as("hearings missed").isBetween(0.1, 0.4);
		int ended = tally.types.get(CaseEventType.REMOVED) + tally.types.get(CaseEventType.CASE_CLOSED);
		assertThat(share(ended, tally.cases)).as("cases removed or closed").isBetween(0.2, 0.5);
		assertThat(tally.types.get(CaseEventType.REMOVED)).as("removed more often than closed for another reason")
			.isGreaterThan(tally.types.get(CaseEventType.CASE_CLOSED));
	}

	@Test
	void mostCasesGoToATeamOfTheirRegionSoonAfterOpeningAndSomeMove() {
		Tally tally = tally(new RandomTraffic(11, 3000, END));
		assertThat(tally.teamsOutsideTheirRegion).as("teams not named after the case's region").isZero();
		assertThat(share(tally.assignedWithinThreeDays, tally.cases)).as("assigned within three days")
			.isBetween(0.75, 0.92);
		assertThat(share(tally.everAssigned, tally.cases)).as("ever assigned").isBetween(0.85, 0.97);
		assertThat(share(tally.reassigned, tally.cases)).as("moved to another team").isBetween(0.01, 0.08);
	}

	@Test
	void aboutHalfTheUnknownNationalitiesAreEstablishedWithinTwoYearsAndFewKnownOnesCorrected() {
		Tally tally = tally(new RandomTraffic(11, 3000, END));
		assertThat(tally.establishedNotACountry).as("established as something other than a country").isZero();
		assertThat(tally.establishedLate).as("established more than two years after opening").isZero();
		assertThat(share(tally.establishedWithinTwoYears, tally.unknownOpenTwoYears))
			.as("of the unknown still open two years on, established by then")
			.isBetween(0.35, 0.65);
		assertThat(share(tally.corrected, tally.openedKnown)).as("known nationalities corrected")
			.isBetween(0.002, 0.03);
	}

	@Test
	void wantedPeopleAreReviewedAboutOnceAYear() {
		Tally tally = tally(new RandomTraffic(11, 3000, END));
		assertThat(share(tally.reviewsWhileWanted, tally.reviews))
			.as("reviews while wanted, a few after the person was found")
			.isBetween(0.95, 0.999);
		assertThat(tally.reviewsWhileWantedOfCriminals / tally.criminalWantedYears)
			.as("reviews of SERIOUS and CRIMINAL cases per year wanted")
			.isBetween(0.5, 1.0);
	}

	private static Tally tally(RandomTraffic traffic) {
		Tally tally = new Tally();
		traffic.forEachRemaining(tally::add);
		return tally;
	}

	private static double share(int part, int whole) {
		return (double) part / whole;
	}

	private static List<IntakeEvent> all(RandomTraffic traffic) {
		List<IntakeEvent> events = new ArrayList<>();
		traffic.forEachRemaining(events::addAll);
		return events;
	}

	/**
	 * Counts what many cases' histories hold, reading each by the contract's words
	 * (docs/contract.md: Intake, Wanted flags, Enforcement work), not by the simulator's
	 * own bookkeeping.
	 */
	private static final class Tally {

		final Map<CaseEventType, Integer> types = new EnumMap<>(CaseEventType.class);

		int cases;

		int assignedWithinThreeDays;

		int everAssigned;

		int reassigned;

		int teamsOutsideTheirRegion;

		int openedUnknown;

		int established;

		int establishedLate;

		/** Cases opened {@code UNKNOWN} that stayed open two years or more. */
		int unknownOpenTwoYears;

		/** Of those, established (within two years, as no case is established later). */
		int establishedWithinTwoYears;

		int establishedNotACountry;

		int openedKnown;

		int corrected;

		int reviews;

		int reviewsWhileWanted;

		/** Years wanted by SERIOUS and CRIMINAL cases, up to the end. */
		double criminalWantedYears;

		int reviewsWhileWantedOfCriminals;

		void add(List<IntakeEvent> events) {
			this.cases++;
			CaseOpened opened = (CaseOpened) events.get(0).getPayload();
			Instant openedAt = events.get(0).getOccurredAt();
			String region = opened.getRegion().name().replace('_', '-') + "-";
			boolean unknown = Nationality.UNKNOWN.equals(opened.getNationality());
			this.openedUnknown += unknown ? 1 : 0;
			this.openedKnown += unknown ? 0 : 1;
			Custody custody = opened.getCustody();
			boolean criminal = opened.getCriminality() != Criminality.NONE;
			Instant wantedSince = null;
			Instant closedAt = null;
			int assignments = 0;
			boolean establishedHere = false;
			for (IntakeEvent event : events) {
				this.types.merge(event.getType(), 1, Integer::sum);
				Instant at = event.getOccurredAt();
				switch (event.getType()) {
					case ASSIGNED_TO_TEAM -> {
						String team = ((AssignedToTeam) event.getPayload()).getTeam();
						if (!Team.isValid(team) || !team.startsWith(region)) {
							this.teamsOutsideTheirRegion++;
						}
						if (assignments == 0 && !at.isAfter(openedAt.plus(Duration.ofDays(3)))) {
							this.assignedWithinThreeDays++;
						}
						assignments++;
					}
					case NATIONALITY_ESTABLISHED -> {
						String nationality = ((NationalityEstablished) event.getPayload()).getNationality();
						this.establishedNotACountry += Nationality.isCountryCode(nationality) ? 0 : 1;
						if (unknown && !establishedHere) {
							this.established++;
							this.establishedLate += at.isAfter(plusYears(openedAt, 2)) ? 1 : 0;
						}
						else if (!unknown && !establishedHere) {
							this.corrected++;
						}
						establishedHere = true;
					}
					case REVIEW_COMPLETED -> {
						this.reviews++;
						if (wantedSince != null) {
							this.reviewsWhileWanted++;
							this.reviewsWhileWantedOfCriminals += criminal ? 1 : 0;
						}
					}
					case HEARING_MISSED -> {
						if (custody == Custody.IN_COMMUNITY && wantedSince == null) {
							wantedSince = at;
						}
					}
					case ARRESTED, IMPRISONED, REMOVED, CASE_CLOSED -> {
						custody = (event.getType() == CaseEventType.IMPRISONED) ? Custody.IN_PRISON : Custody.DETAINED;
						if (wantedSince != null && criminal) {
							this.criminalWantedYears += years(wantedSince, at);
						}
						wantedSince = null;
						if (event.getType() == CaseEventType.REMOVED || event.getType() == CaseEventType.CASE_CLOSED) {
							closedAt = at;
						}
					}
					case RELEASED_FROM_PRISON ->
						custody = (((ReleasedFromPrison) event.getPayload()).getReleasedTo().name().equals("DETAINED"))
								? Custody.DETAINED : Custody.IN_COMMUNITY;
					case RELEASED_ON_CONDITIONS -> custody = Custody.IN_COMMUNITY;
					default -> {
					}
				}
			}
			if (wantedSince != null && criminal) {
				this.criminalWantedYears += years(wantedSince, END);
			}
			Instant twoYears = plusYears(openedAt, 2);
			if (unknown && twoYears.isBefore(END) && (closedAt == null || closedAt.isAfter(twoYears))) {
				this.unknownOpenTwoYears++;
				this.establishedWithinTwoYears += establishedHere ? 1 : 0;
			}
			this.everAssigned += (assignments > 0) ? 1 : 0;
			this.reassigned += (assignments > 1) ? 1 : 0;
		}

		private static double years(Instant from, Instant to) {
			return Duration.between(from, to).toDays() / 365.25;
		}

		private static Instant plusYears(Instant instant, int years) {
			return instant.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
		}

	}

}
