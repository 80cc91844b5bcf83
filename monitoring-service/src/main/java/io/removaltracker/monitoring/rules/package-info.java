/**
 * The wanted rule (docs/contract.md, Wanted flags and Enforcement work): when a flag is
 * raised, updated and cleared, and the review schedule of a wanted case, in plain Java.
 * The calendar-year rule they share with the national figures lives in event-schemas
 * ({@code WantedYears}).
 */
package io.removaltracker.monitoring.rules;
