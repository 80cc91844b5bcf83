package io.removaltracker.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.removaltracker.events.Nationality;
import io.removaltracker.events.Team;
import io.removaltracker.events.common.ArrestedBy;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.CloseReason;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.events.common.ReleasedTo;
import io.removaltracker.events.common.StayReason;
import io.removaltracker.events.intake.Arrested;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.CaseClosed;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.HearingAttended;
import io.removaltracker.events.intake.HearingMissed;
import io.removaltracker.events.intake.HearingScheduled;
import io.removaltracker.events.intake.Imprisoned;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.ReleasedFromPrison;
import io.removaltracker.events.intake.ReleasedOnConditions;
import io.removaltracker.events.intake.RemovalStayed;
import io.removaltracker.events.intake.Removed;
import io.removaltracker.events.intake.ReviewCompleted;
import io.removaltracker.events.intake.StayLifted;

/**
 * Writes one case's intake events as upstream systems would report them, refusing any
 * step the contract (docs/contract.md, Intake and Enforcement work) would not accept, so
 * a scenario that compiles and runs is one case-service accepts in full. It follows
 * custody, stay, openness, nationality and team, and whether the person is wanted under
 * the wanted rule (Wanted flags), so generators can steer by it. Event ids are derived
 * from the case id and position, so replaying a script repeats the same events and
 * case-service applies none of them twice.
 * <p>
 * A deliberate copy of case-service's {@code CaseStateMachine} and monitoring-service's
 * {@code WantedRule}: the simulator drives any running stack from outside and may not
 * depend on a service. The copy is held to the real rules by those services' tests:
 * case-service's {@code SimulatorHistoriesTest} (this script refuses exactly the steps
 * the state machine refuses and agrees on the state after each; the random traffic and
 * the reference scenario are accepted event by event) and monitoring-service's
 * {@code SimulatorWantedBookkeepingTest} (wanted exactly when the wanted rule says).
 */
public final class CaseScript {

	private final String caseId;

	private final List<IntakeEvent> events = new ArrayList<>();

	private Instant last;

	private String nationality;

	private String team;

	private Criminality criminality;

	private Region region;

	private Custody custody;

	private boolean stayed;

	private boolean open;

	private boolean wanted;

	private Instant wantedSince;

	private int hearings;

	private final List<Instant[]> wantedPeriods = new ArrayList<>();

	public CaseScript(String caseId) {
		this.caseId = caseId;
	}

	public CaseScript open(Instant at, String nationality, Criminality criminality, OrderType orderType, Region region,
			Custody custody, List<Condition> conditions) {
		require(this.events.isEmpty(), "the case is already open");
		requireConditions(custody, conditions);
		this.nationality = nationality;
		this.criminality = criminality;
		this.region = region;
		this.custody = custody;
		this.open = true;
		return add(at, CaseEventType.CASE_OPENED, new CaseOpened("P-" + uuid("person").substring(0, 13), nationality,
				criminality, orderType, region, custody, conditions));
	}

	/** Schedules a hearing and answers its id. */
	public String schedule(Instant at, HearingType type, Instant scheduledFor) {
		requireOpen();
		this.hearings++;
		String hearingId = this.caseId + "-H" + this.hearings;
		add(at, CaseEventType.HEARING_SCHEDULED, new HearingScheduled(hearingId, type, scheduledFor));
		return hearingId;
	}

	public CaseScript attend(Instant at, String hearingId) {
		requireOpen();
		return add(at, CaseEventType.HEARING_ATTENDED, new HearingAttended(hearingId));
	}

	/**
	 * A missed hearing scheduled through this script; its type and date are left for
	 * case-service to fill in, as the contract allows.
	 */
	public CaseScript miss(Instant at, String hearingId) {
		requireOpen();
		flagOnMiss(at);
		return add(at, CaseEventType.HEARING_MISSED, new HearingMissed(hearingId, null, null));
	}

	/**
	 * A missed hearing that was not scheduled through this API: its type and date given.
	 */
	public CaseScript missUnscheduled(Instant at, HearingType type, Instant scheduledFor) {
		requireOpen();
		flagOnMiss(at);
		this.hearings++;
		return add(at, CaseEventType.HEARING_MISSED,
				new HearingMissed(this.caseId + "-H" + this.hearings, type, scheduledFor));
	}

	public CaseScript arrest(Instant at, ArrestedBy by) {
		requireOpen();
		require(this.custody == Custody.IN_COMMUNITY, "only a person in the community can be arrested");
		this.custody = Custody.DETAINED;
		clearFlag(at);
		return add(at, CaseEventType.ARRESTED, new Arrested(by));
	}

	public CaseScript imprison(Instant at, LocalDate expectedRelease) {
		requireOpen();
		require(this.custody != Custody.IN_PRISON, "already in prison");
		this.custody = Custody.IN_PRISON;
		clearFlag(at);
		return add(at, CaseEventType.IMPRISONED, new Imprisoned(expectedRelease));
	}

	public CaseScript releaseFromPrison(Instant at, ReleasedTo to, List<Condition> conditions) {
		requireOpen();
		require(this.custody == Custody.IN_PRISON, "not in prison");
		Custody after = (to == ReleasedTo.DETAINED) ? Custody.DETAINED : Custody.IN_COMMUNITY;
		requireConditions(after, conditions);
		this.custody = after;
		return add(at, CaseEventType.RELEASED_FROM_PRISON, new ReleasedFromPrison(to, conditions));
	}

	public CaseScript releaseOnConditions(Instant at, List<Condition> conditions) {
		requireOpen();
		require(this.custody == Custody.DETAINED, "not detained");
		this.custody = Custody.IN_COMMUNITY;
		return add(at, CaseEventType.RELEASED_ON_CONDITIONS, new ReleasedOnConditions(conditions));
	}

	public CaseScript stay(Instant at, StayReason reason) {
		requireOpen();
		require(!this.stayed, "removal is already stayed");
		this.stayed = true;
		return add(at, CaseEventType.REMOVAL_STAYED, new RemovalStayed(reason));
	}

	public CaseScript liftStay(Instant at) {
		requireOpen();
		require(this.stayed, "removal is not stayed");
		this.stayed = false;
		return add(at, CaseEventType.STAY_LIFTED, new StayLifted());
	}

	public CaseScript remove(Instant at, String destinationCountry) {
		requireOpen();
		require(this.custody != Custody.IN_PRISON, "a person in prison cannot be removed");
		require(!this.stayed, "removal is stayed");
		this.open = false;
		clearFlag(at);
		return add(at, CaseEventType.REMOVED, new Removed(destinationCountry));
	}

	public CaseScript close(Instant at, CloseReason reason) {
		requireOpen();
		this.open = false;
		clearFlag(at);
		return add(at, CaseEventType.CASE_CLOSED, new CaseClosed(reason));
	}

	/** A nationality established for the person: a country, or statelessness. */
	public CaseScript establishNationality(Instant at, String nationality) {
		requireOpen();
		if (!Nationality.isEstablished(nationality)) {
			throw new IllegalArgumentException(nationality + " is not " + Nationality.EXPECTED_ESTABLISHED);
		}
		require(!nationality.equals(this.nationality), "the nationality is already " + nationality);
		this.nationality = nationality;
		return add(at, CaseEventType.NATIONALITY_ESTABLISHED, new NationalityEstablished(nationality));
	}

	public CaseScript assignTeam(Instant at, String team) {
		requireOpen();
		if (!Team.isValid(team)) {
			throw new IllegalArgumentException(team + " is not " + Team.EXPECTED);
		}
		require(!team.equals(this.team), "the case is already assigned to " + team);
		this.team = team;
		return add(at, CaseEventType.ASSIGNED_TO_TEAM, new AssignedToTeam(team));
	}

	/** A review of the case's warrant; it changes nothing in the case. */
	public CaseScript completeReview(Instant at) {
		requireOpen();
		return add(at, CaseEventType.REVIEW_COMPLETED, new ReviewCompleted());
	}

	public String caseId() {
		return this.caseId;
	}

	public Criminality criminality() {
		return this.criminality;
	}

	public Region region() {
		return this.region;
	}

	public String nationality() {
		return this.nationality;
	}

	/** The team the case is assigned to, or null. */
	public String team() {
		return this.team;
	}

	/** Where a removal goes: the nationality, or null when unknown or stateless. */
	public String homeCountry() {
		return Nationality.isCountryCode(this.nationality) ? this.nationality : null;
	}

	public Custody custody() {
		return this.custody;
	}

	public boolean stayed() {
		return this.stayed;
	}

	public boolean isOpen() {
		return this.open;
	}

	public boolean wanted() {
		return this.wanted;
	}

	/** When the current wanted period began, or null when not wanted. */
	public Instant wantedSince() {
		return this.wanted ? this.wantedSince : null;
	}

	/** When the last event happened, or null before the case opens. */
	public Instant last() {
		return this.last;
	}

	public List<IntakeEvent> events() {
		return List.copyOf(this.events);
	}

	/**
	 * Every period the person was wanted, in order: {@code [wantedSince, clearedAt]}, the
	 * second null while still wanted.
	 */
	public List<Instant[]> wantedPeriods() {
		return this.wantedPeriods.stream().map(Instant[]::clone).toList();
	}

	private void flagOnMiss(Instant at) {
		if (this.custody == Custody.IN_COMMUNITY && !this.wanted) {
			this.wanted = true;
			this.wantedSince = at;
			this.wantedPeriods.add(new Instant[] { at, null });
		}
	}

	private void clearFlag(Instant at) {
		if (this.wanted) {
			this.wanted = false;
			this.wantedPeriods.get(this.wantedPeriods.size() - 1)[1] = at;
		}
	}

	private CaseScript add(Instant at, CaseEventType type, Object payload) {
		require(this.last == null || at.isAfter(this.last),
				type + " at " + at + " must come after the case's previous event at " + this.last);
		this.last = at;
		this.events.add(IntakeEvent.newBuilder()
			.setEventId(uuid(String.valueOf(this.events.size() + 1)))
			.setCaseId(this.caseId)
			.setType(type)
			.setOccurredAt(at)
			.setSource(source(type, payload))
			.setPayload(payload)
			.build());
		return this;
	}

	/** The upstream system that reports events of this kind. */
	private static String source(CaseEventType type, Object payload) {
		return switch (type) {
			case HEARING_SCHEDULED, HEARING_ATTENDED, HEARING_MISSED -> "hearing-scheduler";
			case IMPRISONED, RELEASED_FROM_PRISON -> "corrections-feed";
			case ARRESTED ->
				(((Arrested) payload).getArrestedBy() == ArrestedBy.POLICE) ? "police-feed" : "officer-tool";
			default -> "officer-tool";
		};
	}

	private String uuid(String part) {
		return UUID.nameUUIDFromBytes((this.caseId + "/" + part).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private void requireOpen() {
		require(this.open, "the case is not open");
	}

	private void requireConditions(Custody custody, List<Condition> conditions) {
		require(conditions.isEmpty() || custody == Custody.IN_COMMUNITY, "conditions only with IN_COMMUNITY");
	}

	private void require(boolean condition, String why) {
		if (!condition) {
			throw new IllegalStateException(this.caseId + ": " + why);
		}
	}

}
