/**
 * The wanted rule of contract section 4, the calendar-year rule of section 6 and the
 * review schedule, in plain Java.
 */
package io.removaltracker.monitoring.rules;
