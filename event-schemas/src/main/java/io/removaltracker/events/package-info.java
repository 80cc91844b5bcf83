/**
 * The event contract shared by every service: generated Avro classes (from
 * {@code src/main/avro}) and {@link io.removaltracker.events.Topics}, the one list of
 * topics with their serdes and settings.
 */
package io.removaltracker.events;
