package io.removaltracker.events.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.removaltracker.events.Topic;
import io.removaltracker.events.Topics;
import io.removaltracker.serde.registry.HttpSchemaRegistryClient;
import io.removaltracker.serde.registry.SchemaRegistryClient;
import io.removaltracker.serde.registry.SchemaRegistryException;
import org.apache.avro.Schema;

/**
 * Registers every published version of each topic's value schema, oldest first, in a
 * registry speaking the Confluent REST API: the development registry before the local
 * stack starts its services, or a production registry from a release. Idempotent: a
 * version already there is left alone. Registering needs an admin principal; a reader can
 * run it to check that a registry already holds every version (it registers nothing then,
 * and fails naming the first subject that misses one).
 *
 * <pre>
 * java -cp event-schemas.jar:... io.removaltracker.events.deploy.SchemaDeploy --registry http://127.0.0.1:8081 [--user name:password]
 * </pre>
 *
 * Without {@code --user}, the credentials come from the environment variable
 * {@value #USER_INFO_ENV} ({@code name:password}), which keeps them out of the process
 * list, or from the URL ({@code http://name:password@host}).
 */
public final class SchemaDeploy {

	public static final String USER_INFO_ENV = "SCHEMA_REGISTRY_USER_INFO";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private SchemaDeploy() {
	}

	/** What one run did, subject by subject in the order of {@link Topics#all()}. */
	public record Result(List<Deployed> subjects) {

		/** Versions registered by this run, over all subjects. */
		public int registered() {
			return this.subjects.stream().mapToInt(Deployed::registered).sum();
		}

	}

	/**
	 * One subject after the run.
	 *
	 * @param subject the subject
	 * @param published how many versions the schema history holds (v1 to this)
	 * @param registered how many of them this run registered
	 * @param notes where the registry differs from the history, in words; empty when its
	 * versions are the history's, numbered alike
	 */
	public record Deployed(String subject, int published, int registered, List<String> notes) {

		/** As printed: {@code case-events-value: versions 1-3 registered (3 new)}. */
		public String line() {
			String versions = (this.published == 1) ? "version 1" : "versions 1-" + this.published;
			String line = this.subject + ": " + versions + " registered (" + this.registered + " new)";
			return this.notes.isEmpty() ? line : line + "; " + String.join("; ", this.notes);
		}

	}

	public static void main(String[] args) {
		String registry = null;
		String userInfo = System.getenv(USER_INFO_ENV);
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--registry" -> registry = value(args, ++i);
				case "--user" -> userInfo = value(args, ++i);
				case "--help", "-h" -> {
					System.out.println(usage());
					return;
				}
				default -> exit(2, "Unknown argument '" + args[i] + "'\n" + usage());
			}
		}
		if (registry == null) {
			exit(2, "--registry is required\n" + usage());
		}
		try {
			Result result = deploy(registry, userInfo, System.out);
			System.out.println("Schemas deployed to " + HttpSchemaRegistryClient.describe(registry) + ": "
					+ result.subjects().size() + " subjects, " + result.registered() + " versions registered now");
		}
		catch (SchemaDeployException | IllegalStateException ex) {
			exit(1, "Schema deploy failed: " + ex.getMessage());
		}
	}

	/**
	 * Registers what is missing and prints one line per subject.
	 * @param registryUrl the registry's URL (several separated by commas)
	 * @param userInfoOrNull {@code name:password} for HTTP basic authentication, or null
	 * @param out where the lines go
	 * @throws SchemaDeployException naming the subject and version that could not be
	 * looked up or registered (a reader asking to register: the registry's 403)
	 */
	public static Result deploy(String registryUrl, String userInfoOrNull, PrintStream out) {
		HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registryUrl, userInfoOrNull, CONNECT_TIMEOUT,
				REQUEST_TIMEOUT);
		return deploy(client, out);
	}

	static Result deploy(SchemaRegistryClient registry, PrintStream out) {
		List<Deployed> subjects = new ArrayList<>();
		for (Topic<?> topic : Topics.all()) {
			if (topic.valueSchema().isEmpty()) {
				continue;
			}
			String subject = topic.valueSubject();
			List<Schema> published = PublishedSchemas.of(subject);
			if (published.isEmpty()) {
				throw new IllegalStateException("No published version of " + subject + " on the class path ("
						+ PublishedSchemas.ROOT + "/" + subject + "/v1.avsc); is this the event-schemas jar?");
			}
			Deployed deployed = deploy(registry, subject, published);
			out.println(deployed.line());
			subjects.add(deployed);
		}
		return new Result(List.copyOf(subjects));
	}

	/**
	 * Registers the versions after the newest one the registry already holds, in order.
	 * An older version missing below it is not registered: it would become the subject's
	 * latest, and producers that write with the latest schema would go back in time.
	 */
	private static Deployed deploy(SchemaRegistryClient registry, String subject, List<Schema> published) {
		Map<Integer, Integer> registryVersions = new TreeMap<>();
		for (int version = 1; version <= published.size(); version++) {
			lookUp(registry, subject, version, published.get(version - 1), registryVersions);
		}
		int newest = registryVersions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
		int registered = 0;
		for (int version = newest + 1; version <= published.size(); version++) {
			try {
				registry.register(subject, published.get(version - 1));
			}
			catch (SchemaRegistryException ex) {
				throw new SchemaDeployException(subject,
						subject + " v" + version + " was not registered: " + ex.getMessage(), ex);
			}
			registered++;
			lookUp(registry, subject, version, published.get(version - 1), registryVersions);
		}
		return new Deployed(subject, published.size(), registered, notes(published.size(), registryVersions));
	}

	private static void lookUp(SchemaRegistryClient registry, String subject, int version, Schema schema,
			Map<Integer, Integer> registryVersions) {
		try {
			registryVersions.put(version, registry.lookup(subject, schema).version());
		}
		catch (SchemaRegistryException ex) {
			if (ex.errorCode() != SchemaRegistryException.SUBJECT_NOT_FOUND
					&& ex.errorCode() != SchemaRegistryException.SCHEMA_NOT_FOUND) {
				throw new SchemaDeployException(subject,
						subject + " v" + version + " could not be looked up: " + ex.getMessage(), ex);
			}
		}
	}

	private static List<String> notes(int published, Map<Integer, Integer> registryVersions) {
		List<String> notes = new ArrayList<>();
		List<Integer> missing = new ArrayList<>();
		for (int version = 1; version <= published; version++) {
			Integer there = registryVersions.get(version);
			if (there == null) {
				missing.add(version);
			}
			else if (there != version) {
				notes.add("v" + version + " is version " + there + " there");
			}
		}
		if (!missing.isEmpty()) {
			notes.add(0, "not registered: v" + String.join(", v", missing.stream().map(String::valueOf).toList())
					+ " (a later version was registered first)");
		}
		return notes;
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			exit(2, args[index - 1] + " needs a value\n" + usage());
		}
		return args[index];
	}

	private static String usage() {
		return "Usage: SchemaDeploy --registry URL [--user name:password]\n"
				+ "  Registers every published version of each topic's value schema, oldest first.\n"
				+ "  Credentials: --user, else $" + USER_INFO_ENV + ", else the URL's user info.";
	}

	private static void exit(int status, String message) {
		System.err.println(message);
		System.exit(status);
	}

}
