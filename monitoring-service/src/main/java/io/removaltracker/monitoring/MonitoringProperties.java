package io.removaltracker.monitoring;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param schemaRegistryUrl the registry the serdes use ({@code http(s)://} or
 * {@code mock://})
 * @param stateDir where Kafka Streams keeps local stores, rebuilt from Kafka when lost
 * @param commitInterval how often exactly-once transactions commit: a flag is visible to
 * consumers after it
 * @param pollInterval how long the processor waits for records before checking for a due
 * commit
 * @param topicReplication replication factor of the topics the service creates
 * @param streamThreads stream threads, each with its own transactions
 */
@ConfigurationProperties("monitoring-service")
public record MonitoringProperties(String schemaRegistryUrl, Path stateDir, Duration commitInterval,
		Duration pollInterval, short topicReplication, int streamThreads) {
}
