package io.removaltracker.caseservice.rules;

/**
 * What a case remembers of an eventId it accepted: a digest of the intake event's
 * content, to tell a repeat from a reuse, and the sequence of the canonical event it
 * became.
 */
public record AcceptedEventId(String fingerprint, long sequence) {

}
