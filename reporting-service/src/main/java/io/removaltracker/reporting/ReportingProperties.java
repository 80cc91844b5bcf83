package io.removaltracker.reporting;

import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param schemaRegistryUrl the registry the serdes use ({@code http(s)://} or
 * {@code mock://})
 * @param asOf a fixed instant for every figure instead of the server's clock, for
 * replaying a scenario whose figures are stated for a given day; unset in normal running
 * @param topicReplication replication factor of the topics the service creates
 */
@ConfigurationProperties("reporting-service")
public record ReportingProperties(String schemaRegistryUrl, Instant asOf, short topicReplication) {
}
