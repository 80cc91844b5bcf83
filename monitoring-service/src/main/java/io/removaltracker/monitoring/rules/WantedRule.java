package io.removaltracker.monitoring.rules;

import java.util.Optional;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/**
 * Contract section 4: a hearing missed while in the community raises a wanted flag
 * (unless one is up already); arrest or imprisonment clears it as LOCATED; removal or
 * closure clears it as CASE_CLOSED. Everything else changes nothing.
 */
public final class WantedRule {

	private WantedRule() {
	}

	/**
	 * @param event the next canonical event of the case
	 * @param current the case's raised flag, or null when it is not wanted
	 * @return the flag change the event causes, if any
	 */
	public static Optional<WantedFlagEvent> apply(CaseEvent event, WantedFlagEvent current) {
		CaseState state = event.getCase$();
		return switch (event.getType()) {
			case HEARING_MISSED -> (current == null && state.getCustody() == Custody.IN_COMMUNITY)
					? Optional.of(raised(event, missed(event))) : Optional.empty();
			case ARRESTED, IMPRISONED -> cleared(current, event, ClearReason.LOCATED);
			case REMOVED, CASE_CLOSED -> cleared(current, event, ClearReason.CASE_CLOSED);
			default -> Optional.empty();
		};
	}

	/**
	 * The payload of a missed hearing; a canonical event whose payload does not match its
	 * type was not written by case-service, and is refused as such.
	 */
	private static HearingMissed missed(CaseEvent event) {
		if (event.getPayload() instanceof HearingMissed missed) {
			return missed;
		}
		throw new IllegalArgumentException("Case event " + event.getEventId() + " of case " + event.getCaseId()
				+ " is a HEARING_MISSED carrying a " + event.getPayload().getClass().getSimpleName() + " payload");
	}

	private static WantedFlagEvent raised(CaseEvent event, HearingMissed missed) {
		CaseState state = event.getCase$();
		return WantedFlagEvent.newBuilder()
			.setCaseId(event.getCaseId())
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(event.getOccurredAt())
			.setReason(missed.getHearingType())
			.setCriminality(state.getCriminality())
			.setNationality(state.getNationality())
			.setRegion(state.getRegion())
			.setCaseSequence(event.getSequence())
			.build();
	}

	private static Optional<WantedFlagEvent> cleared(WantedFlagEvent current, CaseEvent event, ClearReason reason) {
		if (current == null) {
			return Optional.empty();
		}
		return Optional.of(WantedFlagEvent.newBuilder(current)
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(event.getOccurredAt())
			.setClearReason(reason)
			.setCaseSequence(event.getSequence())
			.build());
	}

}
