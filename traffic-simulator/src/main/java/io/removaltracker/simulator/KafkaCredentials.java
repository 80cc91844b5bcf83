package io.removaltracker.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kafka client settings of a principal (docs/contract.md, Access): SASL with the
 * principal's mechanism, user name and password, and TLS where its entry names a
 * {@code securityProtocol} and a {@code caFile}. The password goes into
 * {@code sasl.jaas.config} only and never into a message.
 */
public final class KafkaCredentials {

	private static final ObjectMapper JSON = new ObjectMapper();

	private KafkaCredentials() {
	}

	/**
	 * The settings of {@code kafka.<principal>} in a credentials file, and when the file
	 * has a {@code registry.<principal>} too, the serde settings that sign in to the
	 * schema registry with it ({@link #SERDE_SETTINGS}: a client passes those to its
	 * serializers, not to Kafka). A principal of the registry only looks schemas up: the
	 * deploy step has registered them, so serializers do not register.
	 * @throws IllegalStateException when the file cannot be read or has no such entry
	 */
	public static Map<String, Object> fromCredentialsFile(Path file, String principal) {
		JsonNode root;
		try {
			root = JSON.readTree(Files.readString(file));
		}
		catch (NoSuchFileException ex) {
			throw new IllegalStateException("No credentials file " + file + "; is the local stack started?");
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The credentials file " + file + " is not JSON");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the credentials file " + file + ": " + ex.getMessage());
		}
		JsonNode entry = root.path("kafka").path(principal);
		if (!entry.hasNonNull("username") || !entry.hasNonNull("password")) {
			throw new IllegalStateException(
					"The credentials file " + file + " has no kafka." + principal + " with a username and a password");
		}
		Map<String, Object> settings = new java.util.LinkedHashMap<>(
				clientProperties(entry.path("mechanism").asText("SCRAM-SHA-512"), entry.get("username").asText(),
						entry.get("password").asText(), entry.path("securityProtocol").asText(null),
						entry.path("caFile").asText(null)));
		JsonNode registry = root.path("registry").path(principal);
		if (registry.hasNonNull("username") && registry.hasNonNull("password")) {
			settings.put("basic.auth.credentials.source", "USER_INFO");
			settings.put("basic.auth.user.info",
					registry.get("username").asText() + ":" + registry.get("password").asText());
			settings.put("auto.register.schemas", false);
		}
		return settings;
	}

	/** Setting names that belong to the registry serdes, not to a Kafka client. */
	public static final java.util.List<String> SERDE_SETTINGS = java.util.List.of("basic.auth.credentials.source",
			"basic.auth.user.info", "auto.register.schemas", "use.latest.version");

	/** The serde's share of a principal's settings, with the registry's address. */
	public static Map<String, Object> serdeSettings(Map<String, Object> settings, String registryUrl) {
		Map<String, Object> serde = new java.util.HashMap<>();
		settings.forEach((key, value) -> {
			if (SERDE_SETTINGS.contains(key)) {
				serde.put(key, value);
			}
		});
		serde.put("schema.registry.url", registryUrl);
		return serde;
	}

	/** The Kafka client's share of a principal's settings. */
	public static Map<String, Object> kafkaSettings(Map<String, Object> settings) {
		Map<String, Object> kafka = new java.util.HashMap<>(settings);
		SERDE_SETTINGS.forEach(kafka::remove);
		return kafka;
	}

	/**
	 * Client settings for SASL: {@code SASL_PLAINTEXT} unless a security protocol is
	 * given; a CA file (PEM) becomes the trust store.
	 */
	public static Map<String, Object> clientProperties(String mechanism, String username, String password,
			String securityProtocol, String caFile) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("security.protocol", (securityProtocol == null) ? "SASL_PLAINTEXT" : securityProtocol);
		config.put("sasl.mechanism", mechanism);
		config.put("sasl.jaas.config", jaasConfig(mechanism, username, password));
		if (caFile != null) {
			config.put("ssl.truststore.type", "PEM");
			config.put("ssl.truststore.location", caFile);
		}
		return config;
	}

	/** The client's JAAS line for the mechanism, values quoted as JAAS reads them. */
	public static String jaasConfig(String mechanism, String username, String password) {
		String module = mechanism.startsWith("SCRAM-") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
				: "org.apache.kafka.common.security.plain.PlainLoginModule";
		return module + " required username=" + quoted(username) + " password=" + quoted(password) + ";";
	}

	/** A value in double quotes, as a JAAS option: quotes and backslashes escaped. */
	public static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
