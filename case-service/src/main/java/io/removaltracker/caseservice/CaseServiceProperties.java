package io.removaltracker.caseservice;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param schemaRegistryUrl the registry the serdes use ({@code http(s)://} or
 * {@code mock://})
 * @param stateDir where Kafka Streams keeps local stores, rebuilt from Kafka when lost
 * @param commitInterval how often exactly-once transactions commit; an HTTP caller waits
 * for the commit, so this bounds its latency
 * @param pollInterval how long the processor waits for new records before it checks
 * whether a commit is due
 * @param verdictTimeout how long an HTTP request waits for its verdict before answering
 * 503
 * @param topicReplication replication factor of the topics the service creates
 * @param streamThreads stream threads, each with its own transactions: while one waits
 * for its commit, another processes
 */
@ConfigurationProperties("case-service")
public record CaseServiceProperties(String schemaRegistryUrl, Path stateDir, Duration commitInterval,
		Duration pollInterval, Duration verdictTimeout, short topicReplication, int streamThreads) {
}
