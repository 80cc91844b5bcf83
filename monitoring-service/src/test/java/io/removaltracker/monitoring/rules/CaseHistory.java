package io.removaltracker.monitoring.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.removaltracker.events.cases.Arrested;
import io.removaltracker.events.cases.AssignedToTeam;
import io.removaltracker.events.cases.CaseClosed;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseOpened;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingAttended;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.cases.NationalityEstablished;
import io.removaltracker.events.cases.ReleasedOnConditions;
import io.removaltracker.events.cases.ReviewCompleted;
import io.removaltracker.events.common.ArrestedBy;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.CloseReason;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;

/**
 * One case's canonical events in order, each with the state after it and the next
 * sequence, as case-service writes them: for following a case through several events at
 * chosen instants.
 */
public final class CaseHistory {

	private final String caseId;

	private final List<CaseEvent> events = new ArrayList<>();

	private CaseState state;

	private CaseHistory(String caseId) {
		this.caseId = caseId;
	}

	/** A case opened in the community, reporting, of unknown nationality. */
	public static CaseHistory openedInCommunity(String caseId, Criminality criminality, Instant at) {
		CaseHistory history = new CaseHistory(caseId);
		history.state = CaseState.newBuilder()
			.setPersonId("P-" + caseId)
			.setNationality("UNKNOWN")
			.setCriminality(criminality)
			.setOrderType(OrderType.DEPORTATION)
			.setRegion(Region.GREATER_TORONTO)
			.setCustody(Custody.IN_COMMUNITY)
			.setConditions(List.of(Condition.REPORTING))
			.setStayed(false)
			.setOpen(true)
			.setOpenedAt(at)
			.build();
		return history.add(CaseEventType.CASE_OPENED, at, new CaseOpened("P-" + caseId, "UNKNOWN", criminality,
				OrderType.DEPORTATION, Region.GREATER_TORONTO, Custody.IN_COMMUNITY, List.of(Condition.REPORTING)));
	}

	public CaseHistory missedHearing(Instant at) {
		return add(CaseEventType.HEARING_MISSED, at, new HearingMissed("H-" + size(), HearingType.REPORTING, at));
	}

	public CaseHistory attendedHearing(Instant at) {
		return add(CaseEventType.HEARING_ATTENDED, at, new HearingAttended("H-" + size()));
	}

	public CaseHistory arrested(Instant at) {
		this.state.setCustody(Custody.DETAINED);
		this.state.setConditions(List.of());
		return add(CaseEventType.ARRESTED, at, new Arrested(ArrestedBy.CBSA));
	}

	public CaseHistory releasedOnConditions(Instant at) {
		this.state.setCustody(Custody.IN_COMMUNITY);
		this.state.setConditions(List.of(Condition.REPORTING));
		return add(CaseEventType.RELEASED_ON_CONDITIONS, at, new ReleasedOnConditions(List.of(Condition.REPORTING)));
	}

	public CaseHistory nationalityEstablished(String nationality, Instant at) {
		this.state.setNationality(nationality);
		return add(CaseEventType.NATIONALITY_ESTABLISHED, at, new NationalityEstablished(nationality));
	}

	public CaseHistory assignedTo(String team, Instant at) {
		this.state.setTeam(team);
		return add(CaseEventType.ASSIGNED_TO_TEAM, at, new AssignedToTeam(team));
	}

	public CaseHistory reviewed(Instant at) {
		return add(CaseEventType.REVIEW_COMPLETED, at, new ReviewCompleted());
	}

	public CaseHistory closed(Instant at) {
		this.state.setOpen(false);
		return add(CaseEventType.CASE_CLOSED, at, new CaseClosed(CloseReason.ORDER_VOID));
	}

	public List<CaseEvent> events() {
		return List.copyOf(this.events);
	}

	public CaseEvent last() {
		return this.events.get(this.events.size() - 1);
	}

	private int size() {
		return this.events.size();
	}

	private CaseHistory add(CaseEventType type, Instant at, Object payload) {
		long sequence = this.events.size() + 1;
		this.events.add(CaseEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setCaseId(this.caseId)
			.setSequence(sequence)
			.setType(type)
			.setOccurredAt(at)
			.setRecordedAt(at)
			.setPayload(payload)
			.setCase$(CaseState.newBuilder(this.state).build())
			.build());
		return this;
	}

}
