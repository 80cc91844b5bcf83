package io.removaltracker.serde.registry;

import java.util.List;

import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry operations a serde and its tools need. Failures are
 * {@link SchemaRegistryException}s carrying the registry's error code.
 */
public interface SchemaRegistryClient {

	/**
	 * Registers the schema under the subject (or finds it there) and returns its global
	 * id.
	 */
	int register(String subject, Schema schema);

	/**
	 * The subject's version holding exactly this schema; 40401 or 40403 when there is
	 * none.
	 */
	RegisteredSchema lookup(String subject, Schema schema);

	Schema schemaById(int id);

	RegisteredSchema latest(String subject);

	RegisteredSchema version(String subject, int version);

	List<String> subjects();

	List<Integer> versions(String subject);

	/**
	 * Why registering the schema would be refused under the subject's level; empty when
	 * not.
	 */
	List<String> compatibilityViolations(String subject, Schema schema);

	/** The subject's effective level; {@code subject} null for the global level. */
	CompatibilityLevel compatibility(String subject);

	/** Sets the subject's level; {@code subject} null for the global level. */
	void setCompatibility(String subject, CompatibilityLevel level);

}
