package io.removaltracker.serde.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject: the schema registered under it and the schema's global id.
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
