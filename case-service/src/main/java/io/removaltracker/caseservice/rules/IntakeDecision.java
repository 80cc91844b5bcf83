package io.removaltracker.caseservice.rules;

import java.time.Instant;
import java.util.Map;

import io.removaltracker.caseservice.rules.Decision.Duplicate;
import io.removaltracker.caseservice.rules.Decision.Refused;
import io.removaltracker.events.intake.IntakeEvent;

/**
 * The decision on a well-formed intake event. An eventId the case accepted before is
 * decided first, without the case state: the same content again is a duplicate (so a
 * retry is safe, even of CASE_OPENED), other content is a conflict. A new eventId goes to
 * the {@link CaseStateMachine}.
 */
public final class IntakeDecision {

	private IntakeDecision() {
	}

	/**
	 * @param intake a well-formed intake event (see {@link IntakeValidation})
	 * @param fingerprint a digest of the event's content, comparable with the one
	 * remembered in {@code earlier}
	 * @param earlier what the case remembers of this eventId, or null when it never
	 * accepted it
	 * @param history the case's recorded events, read only for a new eventId
	 * @param recordedAt when the event is recorded
	 */
	public static Decision decide(IntakeEvent intake, String fingerprint, AcceptedEventId earlier, CaseHistory history,
			Instant recordedAt) {
		if (earlier != null) {
			return earlier.fingerprint().equals(fingerprint) ? new Duplicate(earlier.sequence()) : conflict(intake);
		}
		String caseId = intake.getCaseId();
		return CaseStateMachine.decide(history.last(caseId).orElse(null), intake,
				(hearingId) -> history.scheduledHearing(caseId, hearingId), recordedAt);
	}

	private static Refused conflict(IntakeEvent intake) {
		return new Refused(RefusalReason.EVENT_ID_CONFLICT,
				"eventId " + intake.getEventId() + " was already accepted for case " + intake.getCaseId()
						+ " with different content; send a new eventId for a different event",
				Map.of("eventId", "already used with different content"));
	}

}
