/**
 * The case rules in plain Java (docs/contract.md, Domain, Intake and Canonical events):
 * what makes an intake event well formed, when a repeated eventId is a duplicate or a
 * conflict, which events a case accepts in which state, and the state after each. No
 * Kafka, no Spring; the intake topology and the HTTP API both call these.
 */
package io.removaltracker.caseservice.rules;
