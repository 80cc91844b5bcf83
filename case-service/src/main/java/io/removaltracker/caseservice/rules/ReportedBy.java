package io.removaltracker.caseservice.rules;

import java.util.Map;
import java.util.Optional;

import io.removaltracker.events.CallerName;

/**
 * Who reported an event, or read a case, as the contract puts it (docs/contract.md,
 * Access). Over HTTP it is the bearer token's {@code client_id} claim, else {@code azp},
 * else {@code sub} (a person signed in). Over the Kafka intake, where the broker does not
 * tell a consumer who wrote a record, it is {@code kafka:} and the event's
 * {@code source}: only principals allowed to write {@code case-intake} can make that
 * claim.
 */
public final class ReportedBy {

	static final String KAFKA_PREFIX = "kafka:";

	static final String UNKNOWN_SOURCE = "unknown";

	private ReportedBy() {
	}

	/**
	 * The caller named by a token's claims: the first of {@code client_id}, {@code azp},
	 * {@code sub} that is a non-blank string; empty when none is.
	 */
	public static Optional<String> fromToken(Map<String, ?> claims) {
		return CallerName.fromClaims(claims);
	}

	/** The reporter of an event that came over the Kafka intake. */
	public static String overKafka(String source) {
		return KAFKA_PREFIX + ((source == null || source.isBlank()) ? UNKNOWN_SOURCE : source);
	}

}
