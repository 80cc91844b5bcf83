package io.removaltracker.monitoring.rules;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.wanted.ClearReason;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;

/**
 * The wanted rule (docs/contract.md, Wanted flags and Enforcement work): a hearing missed
 * while in the community raises a wanted flag (unless one is up already); arrest or
 * imprisonment clears it as LOCATED; removal or closure clears it as CASE_CLOSED. While
 * the flag is up, a change of the case's nationality or team, or a review that moves its
 * review date, updates it. Everything else changes nothing.
 */
public final class WantedRule {

	private WantedRule() {
	}

	/**
	 * What one event leaves behind.
	 *
	 * @param change the flag change to publish, if any
	 * @param latestReview the latest review of the case's current wanted spell; null when
	 * there was none, or the case is not wanted
	 */
	public record Outcome(Optional<WantedFlagEvent> change, Instant latestReview) {

		static Outcome nothing(Instant latestReview) {
			return new Outcome(Optional.empty(), latestReview);
		}

	}

	/**
	 * @param event the next canonical event of the case
	 * @param current the case's flag (raised or updated), or null when it is not wanted
	 * @param latestReview the latest review completed during the current wanted spell, or
	 * null when none
	 * @return the flag change the event causes, if any, and the latest review after it
	 */
	public static Outcome apply(CaseEvent event, WantedFlagEvent current, Instant latestReview) {
		if (current == null) {
			// Not wanted: a review now does not carry into a later spell.
			return (event.getType() == CaseEventType.HEARING_MISSED
					&& event.getCase$().getCustody() == Custody.IN_COMMUNITY)
							? new Outcome(Optional.of(raised(event, missed(event))), null) : Outcome.nothing(null);
		}
		return switch (event.getType()) {
			case ARRESTED, IMPRISONED -> cleared(current, event, ClearReason.LOCATED);
			case REMOVED, CASE_CLOSED -> cleared(current, event, ClearReason.CASE_CLOSED);
			case REVIEW_COMPLETED ->
				updated(current, event, ReviewSchedule.latestReview(latestReview, event.getOccurredAt()));
			default -> updated(current, event, latestReview);
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
			.setTeam(state.getTeam())
			.setReviewDue(ReviewSchedule.reviewDue(event.getOccurredAt(), state.getCriminality()))
			.setCaseSequence(event.getSequence())
			.build();
	}

	/**
	 * The flag with the case's nationality and team after the event and the review date
	 * the spell's reviews give, when any of them differs from what the flag says. The
	 * state is compared whatever the event's type, so a flag can never lag behind its
	 * case.
	 */
	private static Outcome updated(WantedFlagEvent current, CaseEvent event, Instant latestReview) {
		CaseState state = event.getCase$();
		Instant reviewDue = ReviewSchedule.reviewDue(current.getWantedSince(), latestReview, current.getCriminality());
		if (state.getNationality().equals(current.getNationality())
				&& Objects.equals(state.getTeam(), current.getTeam())
				&& reviewDue.equals(ReviewSchedule.reviewDue(current))) {
			return Outcome.nothing(latestReview);
		}
		return new Outcome(Optional.of(WantedFlagEvent.newBuilder(current)
			.setType(WantedFlagEventType.WANTED_FLAG_UPDATED)
			.setNationality(state.getNationality())
			.setTeam(state.getTeam())
			.setReviewDue(reviewDue)
			.setCaseSequence(event.getSequence())
			.build()), latestReview);
	}

	private static Outcome cleared(WantedFlagEvent current, CaseEvent event, ClearReason reason) {
		return new Outcome(Optional.of(WantedFlagEvent.newBuilder(current)
			.setType(WantedFlagEventType.WANTED_FLAG_CLEARED)
			.setClearedAt(event.getOccurredAt())
			.setClearReason(reason)
			.setCaseSequence(event.getSequence())
			.build()), null);
	}

}
