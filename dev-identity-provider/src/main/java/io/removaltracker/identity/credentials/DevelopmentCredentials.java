package io.removaltracker.identity.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local stack's development credentials file (docs/contract.md, Access): the OAuth
 * 2.0 clients and the person of the development identity provider, the Kafka principals
 * ({@code kafka}: upstream, auditor, admin) and the schema registry's ({@code registry}:
 * upstream, admin), in one JSON file readable by its owner only.
 * <p>
 * {@link #loadOrCreate} reads the file, generates a strong random secret for every entry
 * it lacks (the whole file on the first start) and writes it back, keeping every entry it
 * has as it was. Later starts find everything and reuse it unchanged, so tokens, scripts
 * and services keep working. The launcher calls it before anything starts, so the broker
 * gets its principals from the file; the identity provider then finds the file complete
 * and only reads it. The secrets are never hard-coded and {@link #toString()} never shows
 * them.
 */
public final class DevelopmentCredentials {

	/** The clients of docs/contract.md (Access) and the scope each may ask for. */
	public static final Map<String, String> CLIENT_SCOPES = orderedMap("upstream", "events:write", "officer",
			"cases:read wanted:read", "dashboard", "stats:read", "metrics", "metrics:read");

	/** The people of docs/contract.md (Access) and the scope each may be given. */
	public static final Map<String, String> USER_SCOPES = orderedMap("ops", "stats:read wanted:read");

	/** The Kafka principals of docs/contract.md (Access): {@code kafka.<name>}. */
	public static final List<String> KAFKA_PRINCIPALS = List.of("upstream", "auditor", "admin");

	/**
	 * The schema registry's principals of docs/contract.md (Access):
	 * {@code registry.<name>}.
	 */
	public static final List<String> REGISTRY_PRINCIPALS = List.of("upstream", "admin");

	/** The only SASL mechanism the local stack's broker offers its clients. */
	public static final String KAFKA_MECHANISM = "SCRAM-SHA-512";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final SecureRandom RANDOM = new SecureRandom();

	/** How the file was found on this start. */
	public enum Outcome {

		/** There was no file: it was written now. */
		CREATED,
		/**
		 * The file lacked a client, a person or the issuer: completed and written back.
		 */
		COMPLETED,
		/** The file had everything: used as it is. */
		REUSED

	}

	/** An OAuth 2.0 client authenticated with HTTP basic. */
	public record Client(String clientId, String clientSecret, String scope) {

		@Override
		public String toString() {
			return "Client[clientId=" + this.clientId + ", clientSecret=(hidden), scope=" + this.scope + "]";
		}

	}

	/** A person signing in with a password. */
	public record User(String username, String password, String scope) {

		@Override
		public String toString() {
			return "User[username=" + this.username + ", password=(hidden), scope=" + this.scope + "]";
		}

	}

	/**
	 * A Kafka principal: SASL mechanism, user name and password; where TLS is configured
	 * also the security protocol and the CA certificate file to trust (null otherwise).
	 */
	public record KafkaPrincipal(String mechanism, String username, String password, String securityProtocol,
			String caFile) {

		@Override
		public String toString() {
			return "KafkaPrincipal[mechanism=" + this.mechanism + ", username=" + this.username
					+ ", password=(hidden)]";
		}

	}

	/**
	 * How the contract's Kafka principals reach a broker that speaks TLS: the security
	 * protocol ({@code SASL_SSL}) and the CA certificate file (PEM) to trust.
	 */
	public record KafkaTls(String securityProtocol, String caFile) {

	}

	/** A principal of the schema registry, authenticated with HTTP basic. */
	public record RegistryPrincipal(String username, String password) {

		@Override
		public String toString() {
			return "RegistryPrincipal[username=" + this.username + ", password=(hidden)]";
		}

	}

	private final Path file;

	private final String issuer;

	private final String tokenEndpoint;

	private final Map<String, Client> clients;

	private final Map<String, User> users;

	private final Map<String, KafkaPrincipal> kafka;

	private final Map<String, RegistryPrincipal> registry;

	private final Outcome outcome;

	private DevelopmentCredentials(Path file, String issuer, String tokenEndpoint, Map<String, Client> clients,
			Map<String, User> users, Map<String, KafkaPrincipal> kafka, Map<String, RegistryPrincipal> registry,
			Outcome outcome) {
		this.file = file;
		this.issuer = issuer;
		this.tokenEndpoint = tokenEndpoint;
		this.clients = Collections.unmodifiableMap(clients);
		this.users = Collections.unmodifiableMap(users);
		this.kafka = Collections.unmodifiableMap(kafka);
		this.registry = Collections.unmodifiableMap(registry);
		this.outcome = outcome;
	}

	/**
	 * Reads the credentials file, first writing it or completing it if needed.
	 * @param file where the file is (created with its directory if missing)
	 * @param issuer the identity provider's issuer; {@code tokenEndpoint} is its
	 * {@code /oauth2/token}
	 * @throws IllegalStateException if the file is not JSON or an entry in it lacks a
	 * value (the message names the file and the field, never a secret)
	 */
	public static DevelopmentCredentials loadOrCreate(Path file, String issuer) {
		return load(file, issuer, false, null);
	}

	/**
	 * As {@link #loadOrCreate(Path, String)}, and also states how the Kafka principals
	 * (docs/contract.md, Access) reach the broker now: with TLS, each gets
	 * {@code securityProtocol} and {@code caFile}; without (null), both are removed, so
	 * the file never sends a client to a TLS listener the broker no longer has, nor the
	 * other way round. For the launcher, which knows how the broker runs.
	 */
	public static DevelopmentCredentials loadOrCreate(Path file, String issuer, KafkaTls kafkaTls) {
		return load(file, issuer, true, kafkaTls);
	}

	private static DevelopmentCredentials load(Path file, String issuer, boolean stateKafkaTls, KafkaTls kafkaTls) {
		try {
			for (;;) {
				ObjectNode root = read(file);
				boolean existed = root != null;
				if (!existed) {
					root = JSON.createObjectNode();
				}
				boolean changed = complete(root, file, issuer);
				if (stateKafkaTls) {
					changed |= stateKafkaTls(root, kafkaTls);
				}
				if (!existed) {
					if (!OwnerOnlyFiles.createAtomically(file, JSON.writeValueAsString(root))) {
						// Another process wrote it first: use its secrets, not ours.
						continue;
					}
				}
				else if (changed) {
					OwnerOnlyFiles.replaceAtomically(file, JSON.writeValueAsString(root));
				}
				else {
					OwnerOnlyFiles.restrictToOwner(file);
				}
				Outcome outcome = !existed ? Outcome.CREATED : changed ? Outcome.COMPLETED : Outcome.REUSED;
				return from(root, file, outcome);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the credentials file " + file, ex);
		}
	}

	public Path file() {
		return this.file;
	}

	public String issuer() {
		return this.issuer;
	}

	public String tokenEndpoint() {
		return this.tokenEndpoint;
	}

	/** The clients by their name in the file ({@code upstream}, {@code officer}...). */
	public Map<String, Client> clients() {
		return this.clients;
	}

	/** The people by their name in the file ({@code ops}). */
	public Map<String, User> users() {
		return this.users;
	}

	public Client client(String name) {
		Client client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException("No client '" + name + "' in " + this.file);
		}
		return client;
	}

	public User user(String name) {
		User user = this.users.get(name);
		if (user == null) {
			throw new IllegalArgumentException("No user '" + name + "' in " + this.file);
		}
		return user;
	}

	/** The Kafka principals by their name in the file ({@code upstream}...). */
	public Map<String, KafkaPrincipal> kafka() {
		return this.kafka;
	}

	/** The schema registry's principals by their name in the file. */
	public Map<String, RegistryPrincipal> registry() {
		return this.registry;
	}

	public KafkaPrincipal kafka(String name) {
		KafkaPrincipal principal = this.kafka.get(name);
		if (principal == null) {
			throw new IllegalArgumentException("No Kafka principal '" + name + "' in " + this.file);
		}
		return principal;
	}

	public RegistryPrincipal registry(String name) {
		RegistryPrincipal principal = this.registry.get(name);
		if (principal == null) {
			throw new IllegalArgumentException("No registry principal '" + name + "' in " + this.file);
		}
		return principal;
	}

	public Outcome outcome() {
		return this.outcome;
	}

	@Override
	public String toString() {
		return "DevelopmentCredentials[file=" + this.file + ", issuer=" + this.issuer + ", clients="
				+ this.clients.keySet() + ", users=" + this.users.keySet() + ", kafka=" + this.kafka.keySet()
				+ ", registry=" + this.registry.keySet() + ", " + this.outcome + "]";
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
			if (JSON.readTree(content) instanceof ObjectNode root) {
				return root;
			}
		}
		catch (JacksonException ex) {
			// The parser's message may quote the file's content, secrets included.
		}
		throw new IllegalStateException("The credentials file " + file
				+ " is not a JSON object; fix it or delete it to have new credentials written");
	}

	/** Adds whatever is missing; {@code true} if anything was. */
	private static boolean complete(ObjectNode root, Path file, String issuer) {
		boolean changed = setIfDifferent(root, "issuer", issuer);
		changed |= setIfDifferent(root, "tokenEndpoint", tokenEndpointOf(issuer));
		ObjectNode clients = objectIn(root, "clients", file);
		for (Map.Entry<String, String> client : CLIENT_SCOPES.entrySet()) {
			if (!clients.has(client.getKey())) {
				clients.putObject(client.getKey())
					.put("clientId", client.getKey())
					.put("clientSecret", newSecret())
					.put("scope", client.getValue());
				changed = true;
			}
		}
		ObjectNode users = objectIn(root, "users", file);
		for (Map.Entry<String, String> user : USER_SCOPES.entrySet()) {
			if (!users.has(user.getKey())) {
				users.putObject(user.getKey())
					.put("username", user.getKey())
					.put("password", newSecret())
					.put("scope", user.getValue());
				changed = true;
			}
		}
		ObjectNode kafka = objectIn(root, "kafka", file);
		for (String principal : KAFKA_PRINCIPALS) {
			if (!kafka.has(principal)) {
				kafka.putObject(principal)
					.put("mechanism", KAFKA_MECHANISM)
					.put("username", principal)
					.put("password", newSecret());
				changed = true;
			}
		}
		ObjectNode registry = objectIn(root, "registry", file);
		for (String principal : REGISTRY_PRINCIPALS) {
			if (!registry.has(principal)) {
				registry.putObject(principal).put("username", principal).put("password", newSecret());
				changed = true;
			}
		}
		return changed;
	}

	/** Sets or removes the TLS fields of each Kafka principal; {@code true} if any. */
	private static boolean stateKafkaTls(ObjectNode root, KafkaTls tls) {
		boolean changed = false;
		for (String principal : KAFKA_PRINCIPALS) {
			if (!(root.get("kafka").get(principal) instanceof ObjectNode entry)) {
				continue;
			}
			if (tls != null) {
				changed |= setIfDifferent(entry, "securityProtocol", tls.securityProtocol());
				changed |= setIfDifferent(entry, "caFile", tls.caFile());
			}
			else {
				changed |= entry.remove("securityProtocol") != null;
				changed |= entry.remove("caFile") != null;
			}
		}
		return changed;
	}

	private static DevelopmentCredentials from(ObjectNode root, Path file, Outcome outcome) {
		Map<String, Client> clients = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.get("clients").properties()) {
			String where = "clients." + entry.getKey();
			clients.put(entry.getKey(), new Client(text(entry.getValue(), "clientId", where, file),
					text(entry.getValue(), "clientSecret", where, file), text(entry.getValue(), "scope", where, file)));
		}
		Map<String, User> users = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.get("users").properties()) {
			String where = "users." + entry.getKey();
			users.put(entry.getKey(), new User(text(entry.getValue(), "username", where, file),
					text(entry.getValue(), "password", where, file), text(entry.getValue(), "scope", where, file)));
		}
		Map<String, KafkaPrincipal> kafka = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.get("kafka").properties()) {
			String where = "kafka." + entry.getKey();
			kafka.put(entry.getKey(), new KafkaPrincipal(text(entry.getValue(), "mechanism", where, file),
					text(entry.getValue(), "username", where, file), text(entry.getValue(), "password", where, file),
					optionalText(entry.getValue(), "securityProtocol"), optionalText(entry.getValue(), "caFile")));
		}
		Map<String, RegistryPrincipal> registry = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.get("registry").properties()) {
			String where = "registry." + entry.getKey();
			registry.put(entry.getKey(), new RegistryPrincipal(text(entry.getValue(), "username", where, file),
					text(entry.getValue(), "password", where, file)));
		}
		return new DevelopmentCredentials(file, root.get("issuer").asString(), root.get("tokenEndpoint").asString(),
				clients, users, kafka, registry, outcome);
	}

	static String tokenEndpointOf(String issuer) {
		return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/oauth2/token";
	}

	/** 256 random bits, URL-safe so it can go in a basic header or a form unescaped. */
	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static boolean setIfDifferent(ObjectNode root, String field, String value) {
		JsonNode current = root.get(field);
		if (current != null && current.isString() && current.stringValue().equals(value)) {
			return false;
		}
		root.put(field, value);
		return true;
	}

	private static ObjectNode objectIn(ObjectNode root, String field, Path file) {
		JsonNode node = root.get(field);
		if (node == null) {
			return root.putObject(field);
		}
		if (node instanceof ObjectNode object) {
			return object;
		}
		throw new IllegalStateException("'" + field + "' in the credentials file " + file + " is not a JSON object");
	}

	private static String text(JsonNode entry, String field, String where, Path file) {
		JsonNode value = entry.get(field);
		if (value == null || !value.isString() || value.stringValue().isBlank()) {
			throw new IllegalStateException("The credentials file " + file + " has no value for " + where + "." + field
					+ "; add one, or " + "remove " + where + " to have it generated");
		}
		return value.stringValue();
	}

	private static String optionalText(JsonNode entry, String field) {
		JsonNode value = entry.get(field);
		return (value == null || !value.isString() || value.stringValue().isBlank()) ? null : value.stringValue();
	}

	private static Map<String, String> orderedMap(String... namesAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

}
