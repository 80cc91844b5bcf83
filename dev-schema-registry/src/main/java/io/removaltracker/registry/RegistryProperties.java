package io.removaltracker.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic the compacted topic holding the registry's records
 * @param replicationFactor replication of that topic when the registry creates it
 * @param startupTimeout how long to wait for the broker before failing with a clear
 * message
 */
@ConfigurationProperties("registry")
record RegistryProperties(String topic, short replicationFactor, Duration startupTimeout) {
}
