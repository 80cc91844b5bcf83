/**
 * A development schema registry speaking the Confluent REST subset serializers use,
 * keeping every schema and setting in a compacted Kafka topic so ids survive restarts.
 * For local runs and tests only; production uses a real registry.
 */
package io.removaltracker.registry;
