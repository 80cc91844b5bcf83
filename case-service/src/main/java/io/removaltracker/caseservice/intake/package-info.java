/**
 * The intake topology: every intake event, from HTTP or from {@code case-intake}, is
 * decided by one exactly-once processor per partition, which alone writes
 * {@code case-events}. Its stores hold each case's history and the eventIds it accepted.
 */
package io.removaltracker.caseservice.intake;
