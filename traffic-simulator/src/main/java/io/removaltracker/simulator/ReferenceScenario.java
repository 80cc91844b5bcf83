package io.removaltracker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

import io.removaltracker.events.Nationality;
import io.removaltracker.events.common.ArrestedBy;
import io.removaltracker.events.common.CloseReason;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.common.StayReason;
import io.removaltracker.events.intake.Arrested;
import io.removaltracker.events.intake.CaseClosed;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.HearingAttended;
import io.removaltracker.events.intake.HearingMissed;
import io.removaltracker.events.intake.HearingScheduled;
import io.removaltracker.events.intake.Imprisoned;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.ReleasedFromPrison;
import io.removaltracker.events.intake.ReleasedOnConditions;
import io.removaltracker.events.intake.RemovalStayed;

/**
 * The reference scenario: a history of criminal removal cases from 2015 to mid-2024 that,
 * replayed, gives the national picture (docs/contract.md, Figures) as of {@link #AS_OF}:
 * <ul>
 * <li>1,635 open cases: 599 wanted, 401 in prison, 29 detained, 606 supervised in the
 * community;</li>
 * <li>of the wanted, 431 with serious criminality, 315 wanted three years or more, 46 two
 * to three years;</li>
 * <li>469 wanted at the end of 2021: the 335 of today's wanted who were already wanted
 * then, and 134 people wanted then and located or removed since.</li>
 * </ul>
 * Around them are the cases that make a history realistic: about 800 people removed or
 * whose case closed, people located and released on conditions, people who missed
 * hearings while in prison or detention (which raises no flag), stays granted and lifted,
 * hearings attended. Nationalities include {@code UNKNOWN} and {@code STATELESS}; all
 * seven regions appear.
 * <p>
 * The enforcement work (docs/contract.md, Enforcement work) runs beside the story (it
 * changes none of the figures above): most cases go to one of 18 teams named after their
 * region ({@code GREATER-TORONTO-1} ... {@code ATLANTIC-2}) within two days of opening, a
 * few move to another team later; half the unknown nationalities are established within
 * two years; wanted people's warrants are reviewed about once a year, now and then months
 * late. As of {@link #AS_OF} that gives:
 * <ul>
 * <li>{@code wanted.overdueReview} 72 (more than a year since the flag or the spell's
 * last review), {@code wanted.unassigned} 42;</li>
 * <li>{@code byTeam}: 18 teams holding 1,510 of the open cases and 557 of the wanted (67
 * of them overdue); {@code GREATER-TORONTO-1} has 126 open, 43 wanted, 4 overdue;</li>
 * <li>{@code nationalityEstablished.total} 107: 97 unknown nationalities established and
 * 10 known ones corrected; {@code byNationality.UNKNOWN} (the current nationality) 89
 * open, 28 wanted.</li>
 * </ul>
 * The wanted list counts overdue reviews at the instant of the request: from July 2025
 * on, all 599 are overdue there.
 * <p>
 * The history is fixed: every call answers the same events with the same ids, so
 * replaying it twice changes nothing.
 * <p>
 * Its figures hold at {@link #AS_OF}; the reporting-service shows them when started with
 * {@code reporting-service.as-of} set to that instant.
 */
public final class ReferenceScenario {

	/** The day the figures are stated for. */
	public static final Instant AS_OF = Instant.parse("2024-06-30T12:00:00Z");

	private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 5);

	private static final LocalDate LAST_DAY = LocalDate.of(2024, 6, 28);

	private static final int WANTED = 599;

	private static final int WANTED_SERIOUS = 431;

	private final Draw draw = new Draw(20240630L);

	/**
	 * The officers' work has its own draws, so the story of the cases (and the reference
	 * figures it was built for) stays what it was before that work was added.
	 */
	private final Draw work = new Draw(15L);

	private final List<Criminality> wantedCriminality = new ArrayList<>();

	private final List<CaseScript> cases = new ArrayList<>();

	private ReferenceScenario() {
		for (int i = 0; i < WANTED; i++) {
			this.wantedCriminality.add((i < WANTED_SERIOUS) ? Criminality.SERIOUS : Criminality.CRIMINAL);
		}
		Collections.shuffle(this.wantedCriminality, new Random(599L));
	}

	/** Every case's events, in the order they happened across the country. */
	public static List<IntakeEvent> events() {
		List<IntakeEvent> events = new ArrayList<>();
		cases().forEach((script) -> events.addAll(script.events()));
		// A stable sort keeps each case's own order; cases interleave by time.
		events.sort(Comparator.comparing(IntakeEvent::getOccurredAt));
		return events;
	}

	/** The cases, each as its script. */
	public static List<CaseScript> cases() {
		ReferenceScenario scenario = new ReferenceScenario();
		scenario.build();
		return scenario.cases.stream().map(scenario::withCasework).toList();
	}

	private void build() {
		// Wanted today, by how long (as of 2024-06-30).
		repeat(315, () -> wantedNow(date(2015, 6, 1), date(2021, 5, 31), true));
		repeat(20, () -> wantedNow(date(2021, 7, 5), date(2021, 12, 20), false));
		repeat(26, () -> wantedNow(date(2022, 1, 5), date(2022, 6, 20), false));
		repeat(108, () -> wantedNow(date(2022, 7, 5), date(2023, 6, 20), false));
		repeat(130, () -> wantedNow(date(2023, 7, 5), date(2024, 6, 25), false));
		// Wanted at the end of 2021 and found (or removed) since.
		repeat(40, () -> wantedThenLocated(date(2022, 1, 10), date(2023, 6, 30), Outcome.REMOVED));
		repeat(30, () -> wantedThenLocated(date(2022, 1, 10), date(2024, 3, 31), Outcome.IMPRISONED));
		repeat(10, () -> wantedThenLocated(date(2024, 1, 10), date(2024, 6, 10), Outcome.DETAINED));
		repeat(54, () -> wantedThenLocated(date(2022, 1, 10), date(2023, 12, 31), Outcome.RELEASED));
		// Wanted for a while and found before the end of 2021.
		repeat(40, () -> foundBefore2022(Outcome.REMOVED));
		repeat(20, () -> foundBefore2022(Outcome.RELEASED));
		repeat(25, this::wantedThenLeftTheCountry);
		// In prison: sentenced when the case opened, or later.
		repeat(250, this::sentencedAtOpening);
		repeat(121, this::imprisonedLater);
		// In immigration detention.
		repeat(9, this::releasedFromPrisonToDetention);
		repeat(10, this::arrestedWhileSupervised);
		// Supervised in the community.
		repeat(380, this::supervised);
		repeat(60, () -> stayed(false));
		repeat(40, () -> stayed(true));
		repeat(52, this::releasedFromPrisonToCommunity);
		// Closed: removed, or closed for another reason.
		repeat(600, this::removed);
		repeat(120, this::closed);
	}

	private enum Outcome {

		REMOVED, IMPRISONED, DETAINED, RELEASED

	}

	/** Missed a hearing in the window, while supervised, and not found since. */
	private void wantedNow(LocalDate missFrom, LocalDate missTo, boolean mayHaveEarlierPeriod) {
		Instant missedAt = this.draw.day(missFrom, missTo);
		Instant openedAt = openedBefore(missedAt, 60, 1500);
		CaseScript script = opened(wantedCriminality(), openedAt, Custody.IN_COMMUNITY);
		Instant[] steps = this.draw.spread(openedAt, missedAt, 4);
		if (mayHaveEarlierPeriod && this.draw.chance(0.1)) {
			// Missed once before, arrested by police, released on conditions again.
			script.missUnscheduled(steps[0], HearingType.REPORTING, steps[0].minus(Duration.ofDays(1)));
			script.arrest(steps[1], ArrestedBy.POLICE);
			script.releaseOnConditions(steps[2], this.draw.supervision());
		}
		else {
			attendHearing(script, steps[0], steps[1]);
		}
		String hearing = script.schedule(steps[3], this.draw.missedHearingType(), missedAt.minus(Duration.ofHours(2)));
		script.miss(missedAt, hearing);
		Instant end = end();
		if (this.draw.chance(0.3) && Duration.between(missedAt, end).toDays() > 30) {
			Instant[] later = this.draw.spread(missedAt, end, 2);
			String next = script.schedule(later[0], HearingType.REMOVAL_INTERVIEW, later[1].minus(Duration.ofHours(1)));
			script.miss(later[1], next);
		}
		requireWanted(script);
	}

	/** Wanted since before December 2021, found in the window. */
	private void wantedThenLocated(LocalDate foundFrom, LocalDate foundTo, Outcome outcome) {
		Instant missedAt = this.draw.day(date(2016, 1, 4), date(2021, 11, 30));
		Instant foundAt = this.draw.day(foundFrom, foundTo);
		wantedUntilFound(this.draw.criminality(0.6, 0.4), missedAt, foundAt, outcome);
	}

	/** Wanted for one to ten months, found before December 2021. */
	private void foundBefore2022(Outcome outcome) {
		Instant missedAt = this.draw.day(date(2016, 1, 4), date(2020, 12, 31));
		Instant foundAt = missedAt.plus(Duration.ofDays(30 + this.draw.below(270)));
		wantedUntilFound(this.draw.criminality(0.6, 0.4), missedAt, foundAt, outcome);
	}

	private void wantedUntilFound(Criminality criminality, Instant missedAt, Instant foundAt, Outcome outcome) {
		Instant openedAt = openedBefore(missedAt, 60, 1200);
		CaseScript script = opened(criminality, openedAt, Custody.IN_COMMUNITY);
		Instant[] before = this.draw.spread(openedAt, missedAt, 3);
		attendHearing(script, before[0], before[1]);
		String hearing = script.schedule(before[2], this.draw.missedHearingType(), missedAt.minus(Duration.ofHours(3)));
		script.miss(missedAt, hearing);
		Instant[] after = this.draw.spread(foundAt, end(), 3);
		switch (outcome) {
			case IMPRISONED -> script.imprison(foundAt, releaseAfter(foundAt));
			case DETAINED -> script.arrest(foundAt, this.draw.chance(0.5) ? ArrestedBy.CBSA : ArrestedBy.POLICE);
			case REMOVED -> {
				script.arrest(foundAt, ArrestedBy.CBSA);
				String removal = script.schedule(after[0], HearingType.REMOVAL, after[1]);
				script.attend(after[1], removal);
				script.remove(after[2], script.homeCountry());
			}
			case RELEASED -> {
				script.arrest(foundAt, ArrestedBy.POLICE);
				script.releaseOnConditions(after[0], List.of(Condition.REPORTING, Condition.ELECTRONIC_MONITORING));
				attendHearing(script, after[1], after[2]);
			}
		}
	}

	/** Wanted, then confirmed to have left Canada, before December 2021. */
	private void wantedThenLeftTheCountry() {
		Instant missedAt = this.draw.day(date(2017, 1, 2), date(2019, 12, 31));
		Instant leftAt = missedAt.plus(Duration.ofDays(60 + this.draw.below(600)));
		Instant openedAt = openedBefore(missedAt, 60, 900);
		CaseScript script = opened(this.draw.criminality(0.5, 0.5), openedAt, Custody.IN_COMMUNITY);
		script.missUnscheduled(missedAt, HearingType.REMOVAL_INTERVIEW, missedAt.minus(Duration.ofHours(1)));
		script.close(leftAt, CloseReason.DEPARTURE_CONFIRMED);
	}

	private void sentencedAtOpening() {
		Instant openedAt = this.draw.day(FIRST_DAY, date(2024, 5, 31));
		CaseScript script = opened(this.draw.criminality(0.7, 0.3), openedAt, Custody.IN_PRISON);
		Instant[] steps = this.draw.spread(openedAt, end(), 3);
		int kind = this.draw.below(10);
		if (kind < 2) {
			// Not brought to the hearing from prison: no flag.
			String hearing = script.schedule(steps[0], HearingType.ADMISSIBILITY, steps[1]);
			script.miss(steps[1], hearing);
		}
		else if (kind < 3) {
			script.stay(steps[0], this.draw.pick(new StayReason[] { StayReason.APPEAL, StayReason.JUDICIAL_REVIEW }));
		}
		else if (kind < 8) {
			attendHearing(script, steps[0], steps[1]);
		}
	}

	private void imprisonedLater() {
		Instant imprisonedAt = this.draw.day(date(2016, 1, 4), date(2024, 6, 20));
		Instant openedAt = openedBefore(imprisonedAt, 30, 1000);
		Custody custody = this.draw.chance(0.8) ? Custody.IN_COMMUNITY : Custody.DETAINED;
		CaseScript script = opened(this.draw.criminality(0.7, 0.3), openedAt, custody);
		Instant[] steps = this.draw.spread(openedAt, imprisonedAt, 2);
		attendHearing(script, steps[0], steps[1]);
		script.imprison(imprisonedAt, releaseAfter(imprisonedAt));
	}

	private void releasedFromPrisonToDetention() {
		Instant releasedAt = this.draw.day(date(2023, 1, 2), date(2024, 6, 20));
		Instant openedAt = openedBefore(releasedAt, 90, 1500);
		CaseScript script = opened(this.draw.criminality(0.8, 0.2), openedAt, Custody.IN_PRISON);
		script.releaseFromPrison(releasedAt, ReleasedTo.DETAINED, List.of());
	}

	private void arrestedWhileSupervised() {
		Instant arrestedAt = this.draw.day(date(2023, 6, 1), date(2024, 5, 31));
		Instant openedAt = openedBefore(arrestedAt, 60, 1500);
		CaseScript script = opened(this.draw.criminality(0.6, 0.4), openedAt, Custody.IN_COMMUNITY);
		Instant[] steps = this.draw.spread(openedAt, arrestedAt, 2);
		attendHearing(script, steps[0], steps[1]);
		script.arrest(arrestedAt, ArrestedBy.CBSA);
		if (this.draw.chance(0.3)) {
			// Missed while in detention: no flag.
			Instant missedAt = this.draw.between(arrestedAt, end());
			script.missUnscheduled(missedAt, HearingType.DETENTION_REVIEW, missedAt.minus(Duration.ofHours(1)));
		}
	}

	private void supervised() {
		Instant openedAt = this.draw.day(FIRST_DAY, date(2024, 5, 31));
		CaseScript script = opened(this.draw.criminality(0.6, 0.4), openedAt, Custody.IN_COMMUNITY);
		int hearings = this.draw.below(4);
		Instant[] steps = this.draw.spread(openedAt, end(), 2 * hearings);
		for (int i = 0; i < hearings; i++) {
			attendHearing(script, steps[2 * i], steps[2 * i + 1]);
		}
	}

	private void stayed(boolean lifted) {
		Instant openedAt = this.draw.day(FIRST_DAY, date(2024, 3, 31));
		CaseScript script = opened(this.draw.criminality(0.5, 0.5), openedAt, Custody.IN_COMMUNITY);
		Instant[] steps = this.draw.spread(openedAt, end(), 4);
		attendHearing(script, steps[0], steps[1]);
		script.stay(steps[2], this.draw.pick(StayReason.values()));
		if (lifted) {
			script.liftStay(steps[3]);
		}
	}

	private void releasedFromPrisonToCommunity() {
		Instant releasedAt = this.draw.day(date(2017, 1, 2), date(2024, 6, 1));
		Instant openedAt = openedBefore(releasedAt, 90, 1500);
		CaseScript script = opened(this.draw.criminality(0.6, 0.4), openedAt, Custody.IN_PRISON);
		script.releaseFromPrison(releasedAt, ReleasedTo.IN_COMMUNITY, List.of(Condition.REPORTING));
		Instant[] steps = this.draw.spread(releasedAt, end(), 2);
		attendHearing(script, steps[0], steps[1]);
	}

	private void removed() {
		Instant removedAt = this.draw.day(date(2015, 4, 1), date(2024, 6, 25));
		Instant openedAt = openedBefore(removedAt, 45, 1200);
		int kind = this.draw.below(3);
		Custody custody = (kind == 0) ? Custody.IN_PRISON : (kind == 1) ? Custody.DETAINED : Custody.IN_COMMUNITY;
		CaseScript script = opened(this.draw.criminality(0.6, 0.4), openedAt, custody);
		Instant[] steps = this.draw.spread(openedAt, removedAt, 3);
		if (custody == Custody.IN_PRISON) {
			script.releaseFromPrison(steps[0], ReleasedTo.DETAINED, List.of());
		}
		String removal = script.schedule(steps[1], HearingType.REMOVAL, steps[2]);
		script.attend(steps[2], removal);
		script.remove(removedAt, script.homeCountry());
	}

	private void closed() {
		Instant closedAt = this.draw.day(date(2015, 6, 1), date(2024, 6, 25));
		Instant openedAt = openedBefore(closedAt, 45, 1500);
		CaseScript script = opened(this.draw.criminality(0.5, 0.5), openedAt, Custody.IN_COMMUNITY);
		script.close(closedAt, this.draw.pick(CloseReason.values()));
	}

	/**
	 * The case's story with the officers' work (docs/contract.md, Enforcement work) woven
	 * in, each step at its time: the case given to a team of its region within two days
	 * of opening (most cases; some later, a few never), now and then moved to another
	 * team; half the unknown nationalities established within two years, rarely a known
	 * one corrected; while the person is wanted, a review about every year, now and then
	 * months late. The work changes nothing the story depends on (custody, stays, flags),
	 * so the story's steps are told again unchanged around it.
	 */
	private CaseScript withCasework(CaseScript story) {
		List<IntakeEvent> told = story.events();
		Instant openedAt = told.get(0).getOccurredAt();
		Instant until = story.isOpen() ? end() : story.last();
		List<Casework> work = new ArrayList<>();
		if (this.work.chance(0.88)) {
			Instant assignedAt = openedAt.plus(Duration.ofMinutes(60 + this.work.below(40 * 60)));
			String team = this.work.team(story.region());
			work.add(new Casework(assignedAt, (script, at) -> script.assignTeam(at, team)));
			if (this.work.chance(0.06)) {
				String other = this.work.teamOtherThan(story.region(), team);
				work.add(new Casework(openedAt.plus(Duration.ofDays(60 + this.work.below(1500))),
						(script, at) -> script.assignTeam(at, other)));
			}
		}
		else if (this.work.chance(0.4)) {
			String team = this.work.team(story.region());
			work.add(new Casework(openedAt.plus(Duration.ofDays(3 + this.work.below(400))),
					(script, at) -> script.assignTeam(at, team)));
		}
		boolean unknown = Nationality.UNKNOWN.equals(story.nationality());
		if (unknown ? this.work.chance(0.5) : this.work.chance(0.005)) {
			String country = unknown ? this.work.country() : this.work.countryOtherThan(story.nationality());
			Instant establishedAt = openedAt
				.plus(Duration.ofDays(unknown ? 20 + this.work.below(700) : 10 + this.work.below(1000)));
			work.add(new Casework(establishedAt, (script, at) -> script.establishNationality(at, country)));
		}
		for (Instant[] spell : story.wantedPeriods()) {
			Instant spellEnd = (spell[1] != null) ? spell[1] : until;
			Instant review = this.work.review(spell[0], story.criminality());
			while (review.isBefore(spellEnd)) {
				work.add(new Casework(review, CaseScript::completeReview));
				review = this.work.review(review, story.criminality());
			}
		}
		work.removeIf((step) -> !step.at().isBefore(until));
		work.sort(Comparator.comparing(Casework::at));
		CaseScript script = new CaseScript(story.caseId());
		int next = 0;
		for (IntakeEvent event : told) {
			while (next < work.size() && work.get(next).at().isBefore(event.getOccurredAt())) {
				work.get(next++).doneOn(script);
			}
			retell(script, event);
		}
		work.subList(next, work.size()).forEach((step) -> step.doneOn(script));
		return script;
	}

	/** One step of the officers' work on a case, at its time. */
	private record Casework(Instant at, BiConsumer<CaseScript, Instant> step) {

		void doneOn(CaseScript script) {
			this.step.accept(script, this.at);
		}

	}

	/**
	 * Takes a step of the story again, as it was told; a removal goes to the nationality
	 * known by then.
	 */
	private static void retell(CaseScript script, IntakeEvent event) {
		Instant at = event.getOccurredAt();
		Object payload = event.getPayload();
		switch (event.getType()) {
			case CASE_OPENED -> {
				CaseOpened opened = (CaseOpened) payload;
				script.open(at, opened.getNationality(), opened.getCriminality(), opened.getOrderType(),
						opened.getRegion(), opened.getCustody(), opened.getConditions());
			}
			case HEARING_SCHEDULED -> {
				HearingScheduled scheduled = (HearingScheduled) payload;
				script.schedule(at, scheduled.getHearingType(), scheduled.getScheduledFor());
			}
			case HEARING_ATTENDED -> script.attend(at, ((HearingAttended) payload).getHearingId());
			case HEARING_MISSED -> {
				HearingMissed missed = (HearingMissed) payload;
				if (missed.getHearingType() == null) {
					script.miss(at, missed.getHearingId());
				}
				else {
					script.missUnscheduled(at, missed.getHearingType(), missed.getScheduledFor());
				}
			}
			case ARRESTED -> script.arrest(at, ((Arrested) payload).getArrestedBy());
			case IMPRISONED -> script.imprison(at, ((Imprisoned) payload).getExpectedRelease());
			case RELEASED_FROM_PRISON -> {
				ReleasedFromPrison released = (ReleasedFromPrison) payload;
				script.releaseFromPrison(at, released.getReleasedTo(), released.getConditions());
			}
			case RELEASED_ON_CONDITIONS ->
				script.releaseOnConditions(at, ((ReleasedOnConditions) payload).getConditions());
			case REMOVAL_STAYED -> script.stay(at, ((RemovalStayed) payload).getStayReason());
			case STAY_LIFTED -> script.liftStay(at);
			case REMOVED -> script.remove(at, script.homeCountry());
			case CASE_CLOSED -> script.close(at, ((CaseClosed) payload).getCloseReason());
			default -> throw new IllegalArgumentException("the story tells no " + event.getType());
		}
	}

	private CaseScript opened(Criminality criminality, Instant at, Custody custody) {
		CaseScript script = new CaseScript(String.format("REF-%05d", this.cases.size() + 1));
		script.open(at, this.draw.nationality(), criminality, this.draw.orderType(criminality), this.draw.region(),
				custody, (custody == Custody.IN_COMMUNITY) ? this.draw.supervision() : List.of());
		this.cases.add(script);
		return script;
	}

	private void attendHearing(CaseScript script, Instant scheduledAt, Instant heldAt) {
		String hearing = script.schedule(scheduledAt, this.draw.hearingType(), heldAt);
		script.attend(heldAt, hearing);
	}

	private Criminality wantedCriminality() {
		return this.wantedCriminality.remove(this.wantedCriminality.size() - 1);
	}

	/**
	 * A day the case opened, between {@code min} and {@code max} days before, not before
	 * 2015.
	 */
	private Instant openedBefore(Instant event, int min, int max) {
		LocalDate day = LocalDate.ofInstant(event, ZoneOffset.UTC);
		LocalDate latest = day.minusDays(min);
		LocalDate earliest = day.minusDays(max);
		earliest = earliest.isBefore(FIRST_DAY) ? FIRST_DAY : earliest;
		if (latest.isBefore(earliest)) {
			latest = earliest;
		}
		return this.draw.day(earliest, latest);
	}

	private LocalDate releaseAfter(Instant imprisonedAt) {
		return LocalDate.ofInstant(imprisonedAt, ZoneOffset.UTC).plusDays(365 + this.draw.below(5 * 365));
	}

	private static void requireWanted(CaseScript script) {
		if (!script.wanted()) {
			throw new IllegalStateException(script.caseId() + " should be wanted");
		}
	}

	private static Instant end() {
		return LAST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static LocalDate date(int year, int month, int day) {
		return LocalDate.of(year, month, day);
	}

	private static void repeat(int times, Runnable step) {
		for (int i = 0; i < times; i++) {
			step.run();
		}
	}

}
