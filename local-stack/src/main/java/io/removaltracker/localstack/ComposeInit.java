package io.removaltracker.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.events.deploy.SchemaDeploy;
import io.removaltracker.events.deploy.SchemaDeployException;
import io.removaltracker.identity.credentials.DevelopmentCredentials;
import io.removaltracker.identity.credentials.DevelopmentCredentials.KafkaPrincipal;
import io.removaltracker.simulator.KafkaCredentials;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The one-shot steps of {@code docker-compose.yml}, run with the launcher's own code so
 * the compose stack is locked as {@code ./run-local}'s is (ADR 0012), in three containers
 * of the image {@code docker/stack-init.Dockerfile} builds:
 * <ol>
 * <li>{@code secrets}, before anything starts: the contract's credentials file and the
 * stack's own service credentials, written once and reused
 * ({@link DevelopmentCredentials}, {@link ServicePrincipals}), and each part's share of
 * them, written at every run into a volume that part alone mounts
 * ({@link #PART_FILES});</li>
 * <li>{@code kafka}, once the broker answers: every principal's SCRAM credentials (as the
 * brokers' own PLAIN user), the topics and the ACLs ({@link KafkaSetup});</li>
 * <li>{@code schemas}, once the registry answers: every published schema version,
 * registered as the registry's admin ({@link SchemaDeploy}).</li>
 * </ol>
 * Exit codes: 0 done, 1 failed (the reason printed), 2 a usage error.
 */
public final class ComposeInit {

	/** Where each part finds its secrets in its own container (its volume, read-only). */
	static final String PART_MOUNT = "/secrets";

	static final String KAFKA = "kafka";

	static final String REGISTRY = "schema-registry";

	static final String PROMETHEUS = "prometheus";

	static final String GRAFANA = "grafana";

	/** The {@code secrets} step's own folder: the stack's service credentials. */
	static final String INIT = "init";

	static final String KAFKA_JAAS = "jaas.conf";

	static final String KAFKA_BROKER_CLIENT = "broker-client.properties";

	static final String REGISTRY_JAAS = "jaas.conf";

	static final String REGISTRY_PASSWORDS = "passwords";

	/** The realm of Confluent's registry's basic authentication. */
	static final String REGISTRY_REALM = "SchemaRegistry-Props";

	static final String REGISTRY_ADMIN_ROLE = "admin";

	static final String REGISTRY_READER_ROLE = "reader";

	/** A service's Kafka and registry logins, as Spring Boot settings it imports. */
	static final String SERVICE_SETTINGS = "credentials.properties";

	static final String METRICS_CLIENT_SECRET = "metrics-client-secret";

	static final String GRAFANA_ADMIN_PASSWORD = "admin-password";

	private static final List<String> SERVICES = List.of(ServicePrincipals.CASE, ServicePrincipals.MONITORING,
			ServicePrincipals.REPORTING);

	/**
	 * What the {@code secrets} step writes for each part, under a folder of that part's
	 * name.
	 */
	static final Map<String, List<String>> PART_FILES = partFiles();

	private static final SecureRandom RANDOM = new SecureRandom();

	private ComposeInit() {
	}

	private static Map<String, List<String>> partFiles() {
		Map<String, List<String>> files = new LinkedHashMap<>();
		files.put(KAFKA, List.of(KAFKA_JAAS, KAFKA_BROKER_CLIENT));
		files.put(REGISTRY, List.of(REGISTRY_JAAS, REGISTRY_PASSWORDS));
		SERVICES.forEach((service) -> files.put(service, List.of(SERVICE_SETTINGS)));
		files.put(PROMETHEUS, List.of(METRICS_CLIENT_SECRET));
		files.put(GRAFANA, List.of(GRAFANA_ADMIN_PASSWORD));
		return Collections.unmodifiableMap(files);
	}

	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				exit(2, "Expected an option, found '" + args[i] + "'\n" + USAGE);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		try {
			switch ((args.length > 0) ? args[0] : "") {
				case "secrets" -> writeSecrets(Path.of(required(options, "credentials")),
						Path.of(required(options, "secrets")), required(options, "issuer"), System.out);
				case "kafka" -> setUpKafka(Path.of(required(options, "credentials")),
						Path.of(required(options, "secrets")), required(options, "bootstrap-servers"), System.out);
				case "schemas" ->
					deploySchemas(Path.of(required(options, "credentials")), required(options, "registry"), System.out);
				default -> exit(2, USAGE);
			}
		}
		catch (IOException | RuntimeException ex) {
			exit(1, "compose-init " + args[0] + " failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exit(1, "compose-init " + args[0] + " was interrupted");
		}
	}

	private static final String USAGE = """
			Usage: ComposeInit secrets --credentials FILE --secrets DIR --issuer URL
			       ComposeInit kafka --credentials FILE --secrets DIR --bootstrap-servers HOST:PORT
			       ComposeInit schemas --credentials FILE --registry URL""";

	/**
	 * Writes the credentials files when missing (keeping what they hold), then every
	 * part's files under {@code secrets/<part>}. Files go to the owner of the folder they
	 * are written to: the credentials file to the identity provider's user, which reads
	 * it; a part's files are readable by every user of that part's container (its volume
	 * is mounted there alone, and the images run as users of their own).
	 */
	static void writeSecrets(Path credentialsFile, Path secrets, String issuer, PrintStream out) throws IOException {
		Files.createDirectories(credentialsFile.toAbsolutePath().getParent());
		DevelopmentCredentials credentials = credentials(credentialsFile, issuer);
		Files.createDirectories(secrets.resolve(INIT));
		ServicePrincipals principals = ServicePrincipals.loadOrCreate(secrets.resolve(INIT));
		out.println("Credentials: " + credentialsFile + " (" + credentials.outcome().name().toLowerCase(Locale.ROOT)
				+ "), " + secrets.resolve(INIT).resolve(ServicePrincipals.FILE_NAME));

		KafkaPrincipal broker = principals.kafka(ServicePrincipals.BROKER);
		writePartFile(secrets, KAFKA, KAFKA_JAAS, kafkaJaas(broker));
		writePartFile(secrets, KAFKA, KAFKA_BROKER_CLIENT, properties(
				KafkaCredentials.clientProperties("PLAIN", broker.username(), broker.password(), null, null)));

		writePartFile(secrets, REGISTRY, REGISTRY_JAAS, registryJaas(principals.kafka(ServicePrincipals.REGISTRY)));
		writePartFile(secrets, REGISTRY, REGISTRY_PASSWORDS, registryPasswords(credentials, principals));

		for (String service : SERVICES) {
			Map<String, Object> settings = new LinkedHashMap<>();
			KafkaPrincipal kafka = principals.kafka(service);
			settings.put("spring.kafka.properties.sasl.jaas.config",
					KafkaCredentials.jaasConfig(kafka.mechanism(), kafka.username(), kafka.password()));
			DevelopmentCredentials.RegistryPrincipal reader = principals.registry(service);
			settings.put("spring.kafka.properties.basic.auth.user.info", reader.username() + ":" + reader.password());
			if (service.equals(ServicePrincipals.CASE)) {
				// The key case-service instances vouch to each other with: one per run,
				// as ./run-local makes one per launcher run.
				settings.put("case-service.intake-signing-secret", newSecret());
			}
			writePartFile(secrets, service, SERVICE_SETTINGS, properties(settings));
		}

		writePartFile(secrets, PROMETHEUS, METRICS_CLIENT_SECRET, credentials.client("metrics").clientSecret());
		Path grafana = secrets.resolve(GRAFANA).resolve(GRAFANA_ADMIN_PASSWORD);
		if (!Files.exists(grafana)) {
			writePartFile(secrets, GRAFANA, GRAFANA_ADMIN_PASSWORD, newSecret());
		}
		out.println("Secrets: each part's share in " + secrets + "/<part> " + PART_FILES.keySet());
	}

	/**
	 * Gives every principal of both files its SCRAM credentials, then creates the topics
	 * and the ACLs as the admin.
	 */
	static void setUpKafka(Path credentialsFile, Path secrets, String bootstrapServers, PrintStream out)
			throws InterruptedException {
		DevelopmentCredentials credentials = credentials(credentialsFile, readIssuer(credentialsFile));
		ServicePrincipals principals = ServicePrincipals.loadOrCreate(secrets.resolve(INIT));
		List<KafkaPrincipal> all = new ArrayList<>(credentials.kafka().values());
		ServicePrincipals.ALL.forEach((name) -> all.add(principals.kafka(name)));
		String failure = Broker.upsertScram(bootstrapServers, principals.kafka(ServicePrincipals.BROKER), all,
				Duration.ofSeconds(120));
		if (failure != null) {
			throw new IllegalStateException("the broker took no SCRAM credentials within 120 s: " + failure);
		}
		out.println("Kafka principals: " + all.size() + " with SCRAM credentials");
		Map<String, Object> admin = new HashMap<>(Broker.clientProperties(credentials.kafka("admin")));
		admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		try (Admin client = Admin.create(admin)) {
			int created = KafkaSetup.createTopics(client);
			out.println("Topics: " + created + " created now");
			List<AclBinding> acls = acls(credentials, principals);
			KafkaSetup.createAcls(client, acls);
			out.println("ACLs: " + acls.size() + " entries, one writer per topic; nothing else allowed");
		}
	}

	/**
	 * {@link KafkaAcls#of} for the principals of the files, and Confluent's registry's
	 * groups.
	 */
	static List<AclBinding> acls(DevelopmentCredentials credentials, ServicePrincipals principals) {
		String registry = principals.kafka(ServicePrincipals.REGISTRY).username();
		List<AclBinding> acls = new ArrayList<>(KafkaAcls.of(credentials.kafka("upstream").username(),
				credentials.kafka("auditor").username(), principals.kafka(ServicePrincipals.CASE).username(),
				principals.kafka(ServicePrincipals.MONITORING).username(),
				principals.kafka(ServicePrincipals.REPORTING).username(), registry));
		acls.addAll(KafkaAcls.confluentRegistryGroups(registry));
		return List.copyOf(acls);
	}

	/**
	 * Registers every published schema version as the registry's admin; tries again for a
	 * minute while the registry, just up, cannot answer yet.
	 */
	static void deploySchemas(Path credentialsFile, String registryUrl, PrintStream out) throws InterruptedException {
		DevelopmentCredentials credentials = credentials(credentialsFile, readIssuer(credentialsFile));
		DevelopmentCredentials.RegistryPrincipal admin = credentials.registry("admin");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		for (;;) {
			try {
				SchemaDeploy.Result result = SchemaDeploy.deploy(registryUrl, admin.username() + ":" + admin.password(),
						out);
				out.println("Schemas: " + result.subjects().size() + " subjects deployed, " + result.registered()
						+ " versions registered now");
				return;
			}
			catch (SchemaDeployException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				out.println("Schemas: not yet (" + ex.getMessage() + "); trying again in 2 s");
				TimeUnit.SECONDS.sleep(2);
			}
		}
	}

	/**
	 * The brokers' JAAS file: their own principal for PLAIN (the one user PLAIN knows,
	 * which they also sign in to each other and to the controller with), and SCRAM, whose
	 * users are in the metadata log.
	 */
	static String kafkaJaas(KafkaPrincipal broker) {
		String password = KafkaCredentials.quoted(broker.password());
		return "KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required\n    username="
				+ KafkaCredentials.quoted(broker.username()) + "\n    password=" + password + "\n    user_"
				+ broker.username() + "=" + password + ";\n"
				+ "  org.apache.kafka.common.security.scram.ScramLoginModule required;\n};\n";
	}

	/**
	 * The registry's JAAS file: its basic-authentication realm, whose users are in the
	 * passwords file beside it, and its own login to Kafka for the {@code _schemas}
	 * store.
	 */
	static String registryJaas(KafkaPrincipal registry) {
		return REGISTRY_REALM + " {\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required\n    file=\""
				+ PART_MOUNT + "/" + REGISTRY_PASSWORDS + "\"\n    debug=\"false\";\n};\n" + "KafkaClient {\n  "
				+ KafkaCredentials.jaasConfig(registry.mechanism(), registry.username(), registry.password())
				+ "\n};\n";
	}

	/**
	 * The registry's users, {@code name: password,role}: the contract's admin and
	 * upstream logins and the services' reader logins.
	 */
	static String registryPasswords(DevelopmentCredentials credentials, ServicePrincipals principals) {
		StringBuilder lines = new StringBuilder("# Written by docker-compose.yml's stack-secrets step at every run.\n");
		credentials.registry()
			.forEach((name, principal) -> lines.append(principal.username())
				.append(": ")
				.append(principal.password())
				.append(',')
				.append("admin".equals(name) ? REGISTRY_ADMIN_ROLE : REGISTRY_READER_ROLE)
				.append('\n'));
		principals.registry()
			.values()
			.forEach((principal) -> lines.append(principal.username())
				.append(": ")
				.append(principal.password())
				.append(',')
				.append(REGISTRY_READER_ROLE)
				.append('\n'));
		return lines.toString();
	}

	private static String properties(Map<String, Object> settings) {
		StringBuilder text = new StringBuilder("# Written by docker-compose.yml's stack-secrets step at every run.\n");
		settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		return text.toString();
	}

	private static void writePartFile(Path secrets, String part, String name, String content) {
		if (!PART_FILES.getOrDefault(part, List.of()).contains(name)) {
			throw new IllegalArgumentException(part + "/" + name + " is not among PART_FILES");
		}
		try {
			Path folder = secrets.resolve(part);
			Files.createDirectories(folder);
			Path file = folder.resolve(name);
			Path temporary = Files.createTempFile(folder, "." + name, ".tmp");
			Files.writeString(temporary, content, StandardCharsets.UTF_8);
			if (isPosix(temporary)) {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r--r--r--"));
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + part + "/" + name, ex);
		}
	}

	/**
	 * The contract's credentials file, completed if it lacks anything, and given to its
	 * folder's owner, the identity provider's user (these steps run as root).
	 */
	private static DevelopmentCredentials credentials(Path file, String issuer) {
		// No TLS on the compose broker's listeners: the file says so, as ./run-local's
		// does without --kafka-tls.
		DevelopmentCredentials credentials = DevelopmentCredentials.loadOrCreate(file, issuer, null);
		try {
			giveToFolderOwner(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot give " + file + " to its folder's owner", ex);
		}
		return credentials;
	}

	/** The file to the folder's owner and group: when run as root, to the part's user. */
	private static void giveToFolderOwner(Path file) throws IOException {
		if (!isPosix(file)) {
			return;
		}
		PosixFileAttributes folder = Files.readAttributes(file.toAbsolutePath().getParent(), PosixFileAttributes.class);
		PosixFileAttributes current = Files.readAttributes(file, PosixFileAttributes.class);
		if (!current.owner().equals(folder.owner()) || !current.group().equals(folder.group())) {
			PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
			view.setOwner(folder.owner());
			view.setGroup(folder.group());
		}
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private static String readIssuer(Path credentialsFile) {
		try {
			return new ObjectMapper().readTree(credentialsFile.toFile()).path("issuer").asText();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + credentialsFile + "; did the stack-secrets step run?", ex);
		}
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			exit(2, "--" + name + " is required\n" + USAGE);
		}
		return value;
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void exit(int status, String message) {
		System.err.println(message);
		System.exit(status);
	}

}
