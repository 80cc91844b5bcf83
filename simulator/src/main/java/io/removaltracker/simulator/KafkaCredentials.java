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
 * The Kafka client settings of a principal (contract section 7): SASL with the
 * principal's mechanism, user name and password, and TLS where its entry names a
 * {@code securityProtocol} and a {@code caFile}. The password goes into
 * {@code sasl.jaas.config} only and never into a message.
 */
public final class KafkaCredentials {

	private static final ObjectMapper JSON = new ObjectMapper();

	private KafkaCredentials() {
	}

	/**
	 * The settings of {@code kafka.<principal>} in a credentials file.
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
		return clientProperties(entry.path("mechanism").asText("SCRAM-SHA-512"), entry.get("username").asText(),
				entry.get("password").asText(), entry.path("securityProtocol").asText(null),
				entry.path("caFile").asText(null));
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
