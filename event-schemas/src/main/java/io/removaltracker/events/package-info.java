/**
 * The event contract shared by every service: generated Avro classes (from
 * {@code src/main/avro}), {@link io.removaltracker.events.Topics}, the one list of topics
 * with their serdes and settings, and the contract's facts that more than one service
 * reads ({@link io.removaltracker.events.WantedYears},
 * {@link io.removaltracker.events.WantedSpells},
 * {@link io.removaltracker.events.Nationality}, {@link io.removaltracker.events.Team}).
 */
package io.removaltracker.events;
