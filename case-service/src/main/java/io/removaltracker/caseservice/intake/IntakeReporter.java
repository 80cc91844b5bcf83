package io.removaltracker.caseservice.intake;

import java.nio.charset.StandardCharsets;

import io.removaltracker.caseservice.access.SigningKey;
import io.removaltracker.caseservice.rules.ReportedBy;
import io.removaltracker.events.intake.IntakeEvent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries the HTTP caller of an event through {@code case-intake} to the processor that
 * decides it, possibly on another instance. An upstream principal may write
 * {@code case-intake} directly and set any header, so the caller's name travels with a
 * signature of the instances' shared key over the eventId, the caseId and the name; a
 * name whose signature does not verify is ignored and the event counts as a Kafka one.
 */
final class IntakeReporter {

	static final String PRINCIPAL_HEADER = "intake-principal";

	static final String SIGNATURE_HEADER = "intake-principal-signature";

	private static final String PURPOSE = "case-intake principal";

	private final SigningKey key;

	IntakeReporter(SigningKey key) {
		this.key = key;
	}

	/** Adds the caller and the signature vouching for it to an HTTP intake record. */
	void vouch(Headers headers, IntakeEvent event, String principal) {
		headers.add(PRINCIPAL_HEADER, principal.getBytes(StandardCharsets.UTF_8));
		headers.add(SIGNATURE_HEADER, this.key.sign(PURPOSE, event.getEventId(), event.getCaseId(), principal)
			.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Who reported the event: the vouched HTTP caller, else {@code kafka:} and its
	 * source.
	 * @param listener told when a principal header came without a valid signature
	 */
	String reportedBy(IntakeEvent event, Headers headers, IntakeListener listener) {
		String principal = text(headers.lastHeader(PRINCIPAL_HEADER));
		String signature = text(headers.lastHeader(SIGNATURE_HEADER));
		if (principal == null && signature == null) {
			return ReportedBy.overKafka(event.getSource());
		}
		if (principal != null
				&& this.key.verifies(signature, PURPOSE, event.getEventId(), event.getCaseId(), principal)) {
			return principal;
		}
		listener.unverifiedPrincipal();
		return ReportedBy.overKafka(event.getSource());
	}

	private static String text(Header header) {
		return (header == null || header.value() == null) ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

}
