package io.removaltracker.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.removaltracker.identity.credentials.DevelopmentCredentials;
import io.removaltracker.identity.credentials.OwnerOnlyFiles;

/**
 * The Kafka principals of the stack's own parts (each service, the schema registry, the
 * brokers among themselves), in {@code <data-dir>/service-credentials.json}, owner-only,
 * written by the launcher alone and reused on later starts.
 * <p>
 * They are kept out of the contract's credentials file on purpose: that file is what a
 * person hands to an upstream system or an auditor, and a service's password is more than
 * either may have (case-service's writes {@code case-events}, the system of record).
 * Nobody outside the stack needs these; each part gets its own in its environment.
 */
final class ServicePrincipals {

	/** case-service: the only writer of the case history. */
	static final String CASE = "case-service";

	static final String MONITORING = "monitoring-service";

	static final String REPORTING = "reporting-service";

	/** The schema registry: the only principal on {@code _schemas}. */
	static final String REGISTRY = "schema-registry";

	/**
	 * The brokers and controllers among themselves: PLAIN on the controller listener,
	 * SCRAM between brokers; a super user.
	 */
	static final String BROKER = "broker";

	static final List<String> ALL = List.of(CASE, MONITORING, REPORTING, REGISTRY, BROKER);

	/**
	 * The services' logins to the schema registry: readers, which look schemas up but do
	 * not register them (the deploy step does).
	 */
	static final List<String> REGISTRY_READERS = List.of(CASE, MONITORING, REPORTING);

	static final String FILE_NAME = "service-credentials.json";

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, DevelopmentCredentials.KafkaPrincipal> kafka;

	private final Map<String, DevelopmentCredentials.RegistryPrincipal> registry;

	private ServicePrincipals(Map<String, DevelopmentCredentials.KafkaPrincipal> kafka,
			Map<String, DevelopmentCredentials.RegistryPrincipal> registry) {
		this.kafka = Map.copyOf(kafka);
		this.registry = Map.copyOf(registry);
	}

	/** A service's login to the schema registry: one of {@link #REGISTRY_READERS}. */
	DevelopmentCredentials.RegistryPrincipal registry(String name) {
		DevelopmentCredentials.RegistryPrincipal principal = this.registry.get(name);
		if (principal == null) {
			throw new IllegalArgumentException("No registry principal '" + name + "' among the stack's own");
		}
		return principal;
	}

	/** Every service's login to the schema registry. */
	Map<String, DevelopmentCredentials.RegistryPrincipal> registry() {
		return this.registry;
	}

	/** Reads the file, first writing what it lacks (all of it on the first start). */
	static ServicePrincipals loadOrCreate(Path dataDir) {
		Path file = dataDir.resolve(FILE_NAME);
		try {
			for (;;) {
				ObjectNode root = read(file);
				boolean existed = root != null;
				if (!existed) {
					root = JSON.createObjectNode();
				}
				boolean changed = complete(root, file);
				if (!existed) {
					if (!OwnerOnlyFiles.createAtomically(file, JSON.writeValueAsString(root))) {
						continue;
					}
				}
				else if (changed) {
					OwnerOnlyFiles.replaceAtomically(file, JSON.writeValueAsString(root));
				}
				else {
					OwnerOnlyFiles.restrictToOwner(file);
				}
				return from(root, file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write " + file, ex);
		}
	}

	/** The principal of a part: one of {@link #ALL}. */
	DevelopmentCredentials.KafkaPrincipal kafka(String name) {
		DevelopmentCredentials.KafkaPrincipal principal = this.kafka.get(name);
		if (principal == null) {
			throw new IllegalArgumentException("No Kafka principal '" + name + "' among the stack's own");
		}
		return principal;
	}

	@Override
	public String toString() {
		return "ServicePrincipals" + this.kafka.keySet();
	}

	private static ObjectNode read(Path file) throws IOException {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		try {
			if (JSON.readTree(content) instanceof ObjectNode root && root.get("kafka") instanceof ObjectNode) {
				return root;
			}
		}
		catch (JacksonException ex) {
			// The parser's message may quote the file's content, secrets included.
		}
		throw new IllegalStateException(
				file + " is not the stack's service credentials; delete it to have new ones written");
	}

	private static boolean complete(ObjectNode root, Path file) {
		ObjectNode kafka = (root.get("kafka") instanceof ObjectNode existing) ? existing : root.putObject("kafka");
		boolean changed = false;
		for (String name : ALL) {
			if (!kafka.has(name)) {
				kafka.putObject(name)
					.put("mechanism", DevelopmentCredentials.KAFKA_MECHANISM)
					.put("username", name)
					.put("password", newSecret());
				changed = true;
			}
		}
		ObjectNode registry = (root.get("registry") instanceof ObjectNode existing) ? existing
				: root.putObject("registry");
		for (String name : REGISTRY_READERS) {
			if (!registry.has(name)) {
				registry.putObject(name).put("username", name).put("password", newSecret());
				changed = true;
			}
		}
		return changed;
	}

	private static ServicePrincipals from(ObjectNode root, Path file) {
		Map<String, DevelopmentCredentials.KafkaPrincipal> kafka = new LinkedHashMap<>();
		root.get("kafka").fields().forEachRemaining((entry) -> {
			JsonNode value = entry.getValue();
			String username = value.path("username").asText("");
			String password = value.path("password").asText("");
			if (username.isBlank() || password.isBlank()) {
				throw new IllegalStateException(file + " has no user name or password for kafka." + entry.getKey()
						+ "; remove the entry to have it generated");
			}
			kafka.put(entry.getKey(),
					new DevelopmentCredentials.KafkaPrincipal(
							value.path("mechanism").asText(DevelopmentCredentials.KAFKA_MECHANISM), username, password,
							null, null));
		});
		Map<String, DevelopmentCredentials.RegistryPrincipal> registry = new LinkedHashMap<>();
		root.path("registry").fields().forEachRemaining((entry) -> {
			String username = entry.getValue().path("username").asText("");
			String password = entry.getValue().path("password").asText("");
			if (username.isBlank() || password.isBlank()) {
				throw new IllegalStateException(file + " has no user name or password for registry." + entry.getKey()
						+ "; remove the entry to have it generated");
			}
			registry.put(entry.getKey(), new DevelopmentCredentials.RegistryPrincipal(username, password));
		});
		return new ServicePrincipals(kafka, registry);
	}

	/** 256 random bits, URL-safe, so it needs no quoting in a JAAS line. */
	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
