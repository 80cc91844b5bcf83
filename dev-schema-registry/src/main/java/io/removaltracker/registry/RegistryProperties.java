package io.removaltracker.registry;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param topic the compacted topic holding the registry's records
 * @param replicationFactor replication of that topic when the registry creates it
 * @param startupTimeout how long to wait for the broker before failing with a clear
 * message
 * @param principals who may call the registry, by name
 * ({@code registry.principals.<name>.password}, {@code .admin}); none leaves it open
 * @param maxRequestBytes the largest request body read; a larger one is answered 413
 */
@ConfigurationProperties("registry")
record RegistryProperties(String topic, short replicationFactor, Duration startupTimeout,
		@DefaultValue Map<String, Principal> principals, @DefaultValue("1MB") DataSize maxRequestBytes) {

	/**
	 * @param password compared in constant time, never logged
	 * @param admin whether the principal may register schemas, change compatibility and
	 * delete
	 */
	record Principal(String password, boolean admin) {

		/** Never prints the password. */
		@Override
		public String toString() {
			return "Principal[admin=" + this.admin + "]";
		}

	}

}
