package io.removaltracker.caseservice;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * case-service's own settings; Kafka's are Spring Boot's {@code spring.kafka.*}.
 *
 * @param verdictTimeout how long an HTTP request waits for its verdict before answering
 * 503
 * @param advertisedHost the host other instances reach this one at, to ask for a case
 * they do not hold
 * @param intakeSigningSecret the secret every instance shares to vouch to the others for
 * its HTTP callers (on intake records and forwarded reads); at least 32 characters, or
 * unset for a random key of this process alone
 * @param auditTimeout how long a case read waits for its audit record before answering
 * 503
 * @param intake limits on intake over HTTP
 */
@ConfigurationProperties("case-service")
public record CaseServiceProperties(Duration verdictTimeout, String advertisedHost, String intakeSigningSecret,
		Duration auditTimeout, Intake intake) {

	/**
	 * @param rateLimit how fast each caller may report events
	 */
	public record Intake(RateLimit rateLimit) {
	}

	/**
	 * A token bucket per principal (the caller named as {@code reportedBy} names it).
	 *
	 * @param eventsPerSecond events a second each principal may keep up
	 * @param burst events a principal that has been quiet may send at once
	 */
	public record RateLimit(double eventsPerSecond, int burst) {
	}

}
