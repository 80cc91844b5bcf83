package io.removaltracker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import io.removaltracker.events.Nationality;
import io.removaltracker.events.common.ArrestedBy;
import io.removaltracker.events.common.CloseReason;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.common.StayReason;
import io.removaltracker.events.intake.IntakeEvent;

/**
 * Random case histories at any scale, generated one case at a time so 500,000 cases need
 * no more memory than one: each case opens between 2015 and the end date and walks the
 * contract's state machine with weights that look like the field (most hearings attended,
 * some missed, people found, released, removed). Beside that story runs the enforcement
 * officers' work (docs/contract.md, Enforcement work; {@code Casework}): most cases given
 * to a team of their region within days of opening, now and then moved to another; about
 * half the unknown nationalities established within two years, and rarely a known one
 * corrected; a review of the warrant about once a year (every three for criminality
 * {@code NONE}) while the person is wanted, now and then months late. Every event is one
 * case-service accepts (checked by case-service's {@code SimulatorHistoriesTest}). The
 * same seed and count give the same events with the same ids.
 */
public final class RandomTraffic implements Iterator<List<IntakeEvent>> {

	private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 5);

	/** Nothing of the officers' work is written this close to the end. */
	private static final Duration END_MARGIN = Duration.ofHours(1);

	private final Draw draw;

	private final String prefix;

	private final int cases;

	private final Instant end;

	private int next;

	/**
	 * @param seed the seed; also part of every case id, so runs with different seeds make
	 * different cases
	 * @param cases how many cases
	 * @param end no event happens at or after this instant
	 */
	public RandomTraffic(long seed, int cases, Instant end) {
		this.draw = new Draw(seed);
		this.prefix = "SIM-" + Long.toUnsignedString(seed, 36).toUpperCase(java.util.Locale.ROOT) + "-";
		this.cases = cases;
		this.end = end;
	}

	@Override
	public boolean hasNext() {
		return this.next < this.cases;
	}

	/** The next case's events, in order. */
	@Override
	public List<IntakeEvent> next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		this.next++;
		return aCase(this.prefix + this.next).events();
	}

	private CaseScript aCase(String caseId) {
		CaseScript script = new CaseScript(caseId);
		LocalDate lastDay = LocalDate.ofInstant(this.end, ZoneOffset.UTC).minusDays(2);
		Instant at = this.draw.day(FIRST_DAY, lastDay.isBefore(FIRST_DAY) ? FIRST_DAY : lastDay);
		Criminality criminality = this.draw.criminality(0.35, 0.4);
		int roll = this.draw.below(100);
		Custody custody = (roll < 60) ? Custody.IN_COMMUNITY : (roll < 80) ? Custody.IN_PRISON : Custody.DETAINED;
		script.open(at, this.draw.nationality(), criminality, this.draw.orderType(criminality), this.draw.region(),
				custody, (custody == Custody.IN_COMMUNITY) ? this.draw.supervision() : List.of());
		Casework work = new Casework(script);
		int steps = 1 + this.draw.below(10);
		for (int i = 0; i < steps && script.isOpen(); i++) {
			Instant when = script.last().plus(Duration.ofHours(12 + this.draw.below(200 * 24)));
			if (!when.plus(Duration.ofHours(2)).isBefore(this.end)) {
				break;
			}
			work.doneBefore(when);
			if (!step(script, when)) {
				break;
			}
		}
		// The story may stop, but the officers' work goes on while the case is open.
		work.doneBefore(this.end.minus(END_MARGIN));
		return script;
	}

	/** One step of the case's life at {@code at}; false when the story stops here. */
	private boolean step(CaseScript script, Instant at) {
		int roll = this.draw.below(100);
		if (script.wanted()) {
			if (roll < 35) {
				script.arrest(at, this.draw.chance(0.6) ? ArrestedBy.POLICE : ArrestedBy.CBSA);
			}
			else if (roll < 45) {
				script.imprison(at, null);
			}
			else if (roll < 55) {
				missHearing(script, at);
			}
			else if (roll < 60) {
				script.close(at, CloseReason.DEPARTURE_CONFIRMED);
			}
			else {
				return false;
			}
			return true;
		}
		switch (script.custody()) {
			case IN_COMMUNITY -> {
				if (roll < 45) {
					attendHearing(script, at);
				}
				else if (roll < 57) {
					missHearing(script, at);
				}
				else if (roll < 63) {
					toggleStay(script, at);
				}
				else if (roll < 67) {
					script.imprison(at, LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(200 + this.draw.below(1500)));
				}
				else if (roll < 72) {
					script.arrest(at, ArrestedBy.CBSA);
				}
				else if (roll < 82 && !script.stayed()) {
					script.remove(at, script.homeCountry());
				}
				else if (roll < 86) {
					script.close(at, this.draw.pick(CloseReason.values()));
				}
				else {
					return false;
				}
			}
			case DETAINED -> {
				if (roll < 40) {
					script.releaseOnConditions(at, this.draw.supervision());
				}
				else if (roll < 70 && !script.stayed()) {
					script.remove(at, script.homeCountry());
				}
				else if (roll < 75) {
					script.imprison(at, null);
				}
				else if (roll < 90) {
					attendHearing(script, at);
				}
				else {
					return false;
				}
			}
			case IN_PRISON -> {
				if (roll < 25) {
					script.releaseFromPrison(at, ReleasedTo.DETAINED, List.of());
				}
				else if (roll < 45) {
					script.releaseFromPrison(at, ReleasedTo.IN_COMMUNITY, this.draw.supervision());
				}
				else if (roll < 65) {
					attendHearing(script, at);
				}
				else if (roll < 70) {
					missHearing(script, at);
				}
				else {
					return false;
				}
			}
		}
		return true;
	}

	private void attendHearing(CaseScript script, Instant at) {
		Instant held = at.plus(Duration.ofMinutes(30 + this.draw.below(60)));
		String hearing = script.schedule(at, this.draw.hearingType(), held);
		script.attend(held, hearing);
	}

	private void missHearing(CaseScript script, Instant at) {
		Instant held = at.plus(Duration.ofMinutes(30 + this.draw.below(60)));
		HearingType type = this.draw.missedHearingType();
		String hearing = script.schedule(at, type, held);
		script.miss(held, hearing);
	}

	private void toggleStay(CaseScript script, Instant at) {
		if (script.stayed()) {
			script.liftStay(at);
		}
		else {
			script.stay(at, this.draw.pick(StayReason.values()));
		}
	}

	/**
	 * The officers' work on one case, planned as the case goes and written between the
	 * steps of its story, each at its time and after the case's last event.
	 */
	private final class Casework {

		private final CaseScript script;

		private final Map<Work, Instant> due = new EnumMap<>(Work.class);

		/** The wanted spell the planned reviews belong to, or null. */
		private Instant spell;

		Casework(CaseScript script) {
			this.script = script;
			Instant opened = script.last();
			if (RandomTraffic.this.draw.chance(0.85)) {
				this.due.put(Work.ASSIGN, opened.plus(minutes(60 + below(3 * 24 * 60))));
			}
			else if (RandomTraffic.this.draw.chance(0.4)) {
				this.due.put(Work.ASSIGN, opened.plus(Duration.ofDays(1 + below(400))).plus(minutes(below(600))));
			}
			if (RandomTraffic.this.draw.chance(0.06)) {
				this.due.put(Work.REASSIGN, opened.plus(Duration.ofDays(60 + below(1500))));
			}
			boolean unknown = Nationality.UNKNOWN.equals(script.nationality());
			if (unknown ? RandomTraffic.this.draw.chance(0.5) : RandomTraffic.this.draw.chance(0.015)) {
				this.due.put(Work.ESTABLISH, opened.plus(Duration.ofDays(unknown ? 20 + below(700) : 10 + below(1000)))
					.plus(minutes(below(600))));
			}
		}

		/** Writes the work due before {@code limit}, in order, while the case is open. */
		void doneBefore(Instant limit) {
			planReviews();
			while (this.script.isOpen() && !this.due.isEmpty()) {
				Map.Entry<Work, Instant> next = this.due.entrySet()
					.stream()
					.min(Map.Entry.comparingByValue())
					.orElseThrow();
				// Work that fell due while a step was being written comes just after it.
				Instant at = next.getValue().isAfter(this.script.last()) ? next.getValue()
						: this.script.last().plus(minutes(1 + below(60)));
				if (!at.isBefore(limit)) {
					return;
				}
				this.due.remove(next.getKey());
				perform(next.getKey(), at);
			}
		}

		private void perform(Work work, Instant at) {
			CaseScript script = this.script;
			Draw draw = RandomTraffic.this.draw;
			switch (work) {
				case ASSIGN -> {
					if (script.team() == null) {
						script.assignTeam(at, draw.team(script.region()));
					}
				}
				case REASSIGN -> script.assignTeam(at, (script.team() == null) ? draw.team(script.region())
						: draw.teamOtherThan(script.region(), script.team()));
				case ESTABLISH -> script.establishNationality(at, Nationality.UNKNOWN.equals(script.nationality())
						? draw.country() : draw.countryOtherThan(script.nationality()));
				case REVIEW -> {
					script.completeReview(at);
					if (script.wanted()) {
						planReviewAfter(at);
					}
				}
			}
		}

		/**
		 * Plans the first review of a new wanted spell, or drops the plan when the spell
		 * ended; now and then a review still comes in after the person was found.
		 */
		private void planReviews() {
			Instant since = this.script.wantedSince();
			if (Objects.equals(since, this.spell)) {
				return;
			}
			this.spell = since;
			this.due.remove(Work.REVIEW);
			if (since != null) {
				planReviewAfter(since);
			}
			else if (RandomTraffic.this.draw.chance(0.05)) {
				this.due.put(Work.REVIEW, this.script.last().plus(Duration.ofDays(1 + below(30))));
			}
		}

		private void planReviewAfter(Instant last) {
			this.due.put(Work.REVIEW, RandomTraffic.this.draw.review(last, this.script.criminality()));
		}

		private int below(int bound) {
			return RandomTraffic.this.draw.below(bound);
		}

		private static Duration minutes(long minutes) {
			return Duration.ofMinutes(minutes);
		}

	}

	/** The kinds of the officers' work on a case. */
	private enum Work {

		ASSIGN, REASSIGN, ESTABLISH, REVIEW

	}

}
