/**
 * The wanted-flag topology: {@code case-events} through the wanted rule to
 * {@code wanted-flags} (exactly once, one change per flag), and {@code wanted-flags} read
 * back as a global table so every instance holds the whole wanted list.
 */
package io.removaltracker.monitoring.flags;
