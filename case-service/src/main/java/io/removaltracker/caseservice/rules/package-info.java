/**
 * The case rules of contract sections 1-3 in plain Java: what makes an intake event well
 * formed, when a repeated eventId is a duplicate or a conflict, which events a case
 * accepts in which state, and the state after each. No Kafka, no Spring; the intake
 * topology and the HTTP API both call these.
 */
package io.removaltracker.caseservice.rules;
