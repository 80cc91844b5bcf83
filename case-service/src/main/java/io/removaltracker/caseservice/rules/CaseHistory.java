package io.removaltracker.caseservice.rules;

import java.util.Optional;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.HearingScheduled;

/** The reads of a case's recorded events that a decision may need. */
public interface CaseHistory {

	/** The case's last canonical event, or empty when the case does not exist. */
	Optional<CaseEvent> last(String caseId);

	/**
	 * The latest scheduling of the hearing in this case, if it was scheduled through the
	 * API.
	 */
	Optional<HearingScheduled> scheduledHearing(String caseId, String hearingId);

}
