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
 */
@ConfigurationProperties("case-service")
public record CaseServiceProperties(Duration verdictTimeout, String advertisedHost) {
}
