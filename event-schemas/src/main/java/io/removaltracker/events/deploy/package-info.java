/**
 * The schema deploy step: every published version of each topic's value schema, as the
 * build recorded it in the schema history, registered in a registry before any service
 * starts, so services can run without registering schemas themselves and outside
 * producers find the latest schema on a fresh registry.
 */
package io.removaltracker.events.deploy;
