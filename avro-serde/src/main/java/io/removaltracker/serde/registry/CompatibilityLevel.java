package io.removaltracker.serde.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;

/**
 * The Confluent compatibility levels, checked with Avro's own reader/writer compatibility
 * rules. BACKWARD: the new schema reads data written with the previous one; FORWARD: the
 * previous schema reads data written with the new one; FULL: both. The transitive levels
 * check against every earlier version instead of only the latest.
 */
public enum CompatibilityLevel {

	NONE(false, false, false), BACKWARD(true, false, false), BACKWARD_TRANSITIVE(true, false, true),
	FORWARD(false, true, false), FORWARD_TRANSITIVE(false, true, true), FULL(true, true, false),
	FULL_TRANSITIVE(true, true, true);

	private final boolean backward;

	private final boolean forward;

	private final boolean transitive;

	CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
		this.backward = backward;
		this.forward = forward;
		this.transitive = transitive;
	}

	/** Parses a level name as the REST API spells it; throws 42203 for anything else. */
	public static CompatibilityLevel parse(String name) {
		if (name != null) {
			for (CompatibilityLevel level : values()) {
				if (level.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
					return level;
				}
			}
		}
		throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
				"Invalid compatibility level '" + name + "'. Valid values are " + List.of(values()) + ".");
	}

	/**
	 * Every reason the candidate breaks this level against the earlier versions of its
	 * subject, oldest first; empty when it is compatible.
	 */
	public List<String> violations(Schema candidate, List<RegisteredSchema> earlier) {
		if (earlier.isEmpty() || this == NONE) {
			return List.of();
		}
		List<RegisteredSchema> against = this.transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
		List<String> violations = new ArrayList<>();
		for (RegisteredSchema previous : against) {
			String version = "version " + previous.version();
			if (this.backward) {
				SchemaCompatibilityReport.check(candidate, previous.schema())
					.forEach((problem) -> violations
						.add("new schema cannot read data written by " + version + ": " + problem));
			}
			if (this.forward) {
				SchemaCompatibilityReport.check(previous.schema(), candidate)
					.forEach((problem) -> violations
						.add(version + " cannot read data written by the new schema: " + problem));
			}
		}
		return violations;
	}

}
