package io.removaltracker.caseservice.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.removaltracker.events.Nationality;
import io.removaltracker.events.Team;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.ReleasedTo;
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
 * The intake rules that need no case state (docs/contract.md, Intake and Enforcement
 * work): identifiers, the time limit, the payload matching the type, conditions only with
 * a custody that allows them, the nationality and team formats. The same checks run on
 * HTTP and Kafka intake, before any rule of the case's state, so a malformed field is a
 * 400 even for a case that does not exist or is closed.
 */
public final class IntakeValidation {

	/**
	 * How far in the future {@code occurredAt} may be, for clocks that run a little fast.
	 */
	public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

	private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/** The payload record each type carries. */
	private static final Map<CaseEventType, Class<?>> PAYLOADS = Map.ofEntries(
			Map.entry(CaseEventType.CASE_OPENED, CaseOpened.class),
			Map.entry(CaseEventType.HEARING_SCHEDULED, HearingScheduled.class),
			Map.entry(CaseEventType.HEARING_ATTENDED, HearingAttended.class),
			Map.entry(CaseEventType.HEARING_MISSED, HearingMissed.class),
			Map.entry(CaseEventType.ARRESTED, Arrested.class), Map.entry(CaseEventType.IMPRISONED, Imprisoned.class),
			Map.entry(CaseEventType.RELEASED_FROM_PRISON, ReleasedFromPrison.class),
			Map.entry(CaseEventType.RELEASED_ON_CONDITIONS, ReleasedOnConditions.class),
			Map.entry(CaseEventType.REMOVAL_STAYED, RemovalStayed.class),
			Map.entry(CaseEventType.STAY_LIFTED, StayLifted.class), Map.entry(CaseEventType.REMOVED, Removed.class),
			Map.entry(CaseEventType.CASE_CLOSED, CaseClosed.class),
			Map.entry(CaseEventType.NATIONALITY_ESTABLISHED, NationalityEstablished.class),
			Map.entry(CaseEventType.ASSIGNED_TO_TEAM, AssignedToTeam.class),
			Map.entry(CaseEventType.REVIEW_COMPLETED, ReviewCompleted.class));

	private IntakeValidation() {
	}

	/** Every rule the event breaks, by field; empty when it is well formed. */
	public static FieldErrors check(IntakeEvent event, Instant now) {
		FieldErrors errors = new FieldErrors();
		if (event.getEventId() == null || !UUID_TEXT.matcher(event.getEventId()).matches()) {
			errors.add("eventId", "must be a UUID such as 3f1c2b8e-5d7a-4e3b-9a61-2c4d8e0f7a15");
		}
		if (event.getCaseId() == null || !CASE_ID.matcher(event.getCaseId()).matches()) {
			errors.add("caseId", "must be 1-64 characters of A-Z a-z 0-9 - _");
		}
		if (event.getOccurredAt() != null && event.getOccurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
			errors.add("occurredAt", "is more than 5 minutes in the future (server time " + now + ")");
		}
		if (event.getSource() != null && event.getSource().length() > 64) {
			errors.add("source", "must be at most 64 characters");
		}
		Class<?> expected = PAYLOADS.get(event.getType());
		if (expected != null && !expected.isInstance(event.getPayload())) {
			errors.add("payload", "a " + event.getType() + " event must carry a " + expected.getSimpleName()
					+ " payload, not " + payloadName(event.getPayload()));
			return errors;
		}
		checkPayload(event.getPayload(), errors);
		return errors;
	}

	private static void checkPayload(Object payload, FieldErrors errors) {
		if (payload instanceof CaseOpened opened) {
			notBlank(opened.getPersonId(), "personId", errors);
			if (!Nationality.isValid(opened.getNationality())) {
				errors.add("nationality", "must be " + Nationality.EXPECTED);
			}
			conditionsOnlyInCommunity(opened.getConditions(), opened.getCustody() == Custody.IN_COMMUNITY,
					"custody " + opened.getCustody(), errors);
		}
		else if (payload instanceof HearingScheduled scheduled) {
			notBlank(scheduled.getHearingId(), "hearingId", errors);
		}
		else if (payload instanceof HearingAttended attended) {
			notBlank(attended.getHearingId(), "hearingId", errors);
		}
		else if (payload instanceof HearingMissed missed) {
			notBlank(missed.getHearingId(), "hearingId", errors);
		}
		else if (payload instanceof ReleasedFromPrison released) {
			conditionsOnlyInCommunity(released.getConditions(), released.getReleasedTo() == ReleasedTo.IN_COMMUNITY,
					"releasedTo " + released.getReleasedTo(), errors);
		}
		else if (payload instanceof Removed removed) {
			if (removed.getDestinationCountry() != null
					&& !Nationality.isCountryCode(removed.getDestinationCountry())) {
				errors.add("destinationCountry", "must be an ISO 3166-1 alpha-3 code such as JAM");
			}
		}
		else if (payload instanceof NationalityEstablished established) {
			if (!Nationality.isEstablished(established.getNationality())) {
				errors.add("nationality", "must be " + Nationality.EXPECTED_ESTABLISHED);
			}
		}
		else if (payload instanceof AssignedToTeam assigned) {
			if (!Team.isValid(assigned.getTeam())) {
				errors.add("team", "must be " + Team.EXPECTED);
			}
		}
	}

	private static void conditionsOnlyInCommunity(List<Condition> conditions, boolean inCommunity, String custody,
			FieldErrors errors) {
		if (conditions != null && !conditions.isEmpty() && !inCommunity) {
			errors.add("conditions", "are only allowed with IN_COMMUNITY, not with " + custody);
		}
	}

	private static void notBlank(String value, String field, FieldErrors errors) {
		if (value == null || value.isBlank()) {
			errors.add(field, "is required");
		}
		else if (value.length() > 64) {
			errors.add(field, "must be at most 64 characters");
		}
	}

	private static String payloadName(Object payload) {
		return (payload == null) ? "none" : payload.getClass().getSimpleName();
	}

}
