/**
 * The schema-evolution guard: every published version of each topic's schema is kept in
 * {@code src/main/schema-history}, and the build fails when the current schema cannot
 * read data written with any of them.
 */
package io.removaltracker.events.evolution;
