/**
 * Avro values in the Confluent wire format: a zero byte, the schema id as a 4-byte
 * big-endian int, then the binary datum. Configured with Confluent's key names so the
 * same properties work with either implementation.
 */
package io.removaltracker.serde;
