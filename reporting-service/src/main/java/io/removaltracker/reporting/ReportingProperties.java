package io.removaltracker.reporting;

import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * reporting-service's own settings; Kafka's are Spring Boot's {@code spring.kafka.*}.
 *
 * @param asOf a fixed instant for every figure instead of the server's clock, for
 * replaying a scenario whose figures are stated for a day; unset in normal running
 * @param dashboardClientId the public client (no secret, PKCE) the dashboard signs people
 * in with at the issuer the API trusts
 * @param issuerBackChannel where the service itself reaches the issuer when that is not
 * the issuer's own address (a container network); unset, the issuer's address
 */
@ConfigurationProperties("reporting-service")
public record ReportingProperties(Instant asOf, String dashboardClientId, String issuerBackChannel) {
}
