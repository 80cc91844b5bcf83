package io.removaltracker.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.identity.credentials.DevelopmentCredentials;
import io.removaltracker.testing.DashboardQueries;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.ResourceType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine); this keeps it honest with what
 * can be checked without one: the parts, the contract's ports on loopback, pinned images,
 * health checks, Kafka's data volume and one-node settings, the identity provider's
 * credentials volume and the issuer the services trust, the jars the Dockerfile copies,
 * and environment variables that name settings the parts really have (mapped the way
 * Spring Boot maps them). And the lock, as {@code ./run-local} has it: SASL on every
 * Kafka listener and ACLs, the set-up steps ({@link ComposeInit}) before the services,
 * the registry's basic authentication, each part's secrets (written here by the same
 * code, into a temporary folder) in a volume of its own; then Prometheus' jobs and token,
 * and Grafana's data source and dashboard.
 */
@SuppressWarnings("unchecked")
class DockerComposeTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Map<String, Integer> PORTS = Map.of("kafka", 9092, "schema-registry", 8081,
			"identity-provider", 8084, "case-service", 8080, "monitoring-service", 8082, "reporting-service", 8083,
			"grafana", 3000);

	/** The one-shot steps of {@link ComposeInit}, by their command. */
	private static final Map<String, String> SET_UP_STEPS = Map.of("stack-secrets", "secrets", "kafka-setup", "kafka",
			"schema-deploy", "schemas");

	/** Not published: its pages would show every metric without a token. */
	private static final String PROMETHEUS = "prometheus";

	private static final Map<String, Integer> SERVICE_PORTS = Map.of("case-service", 8080, "monitoring-service", 8082,
			"reporting-service", 8083);

	private static final Map<String, Object> COMPLETED = Map.of("condition", "service_completed_successfully");

	private static final Map<String, Object> HEALTHY = Map.of("condition", "service_healthy");

	private static final String IDENTITY = "identity-provider";

	/**
	 * Spring Boot's own settings of an OAuth 2.0 resource server, which every service is:
	 * in no properties file of ours when they keep their defaults.
	 */
	private static final List<String> RESOURCE_SERVER_SETTINGS = List.of(
			"spring.security.oauth2.resourceserver.jwt.issuer-uri",
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri");

	/**
	 * Kafka client and registry settings every service is given on a locked stack, as
	 * {@code ./run-local} gives them, and Spring Boot's own import of a settings file.
	 */
	private static final List<String> LOCKED_STACK_SETTINGS = List.of("spring.kafka.properties.security.protocol",
			"spring.kafka.properties.sasl.mechanism", "spring.kafka.properties.basic.auth.credentials.source",
			"spring.kafka.properties.auto.register.schemas", "spring.config.import");

	private static final List<String> SERVICES = List.of("case-service", "monitoring-service", "reporting-service");

	@TempDir
	Path temporary;

	@SuppressWarnings("unchecked")
	private final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose()
		.get("services");

	@Test
	void runsTheBrokerTheRegistryTheIdentityProviderAndTheThreeServicesOnTheContractsPortsOnLoopback() {
		assertThat(this.services).containsOnlyKeys(union(PORTS.keySet(), SET_UP_STEPS.keySet(), Set.of(PROMETHEUS)));
		PORTS.forEach((name, port) -> assertThat(this.services.get(name).get("ports")).as(name)
			.isEqualTo(List.of("127.0.0.1:" + port + ":" + port)));
		this.services.forEach((name, service) -> {
			if (!PORTS.containsKey(name)) {
				assertThat(service).as(name + " publishes no port").doesNotContainKey("ports");
			}
		});
	}

	@Test
	void everyImageIsPinnedToAVersion() throws IOException {
		this.services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name).matches("[a-z0-9./-]+:v?[0-9][A-Za-z0-9._-]*");
		});
		assertThat(this.services.get("kafka").get("image")).asString().startsWith("apache/kafka:");
		assertThat(this.services.get("schema-registry").get("image")).asString()
			.startsWith("confluentinc/cp-schema-registry:");
		for (String dockerfile : List.of("docker/service.Dockerfile", "docker/stack-init.Dockerfile")) {
			for (String line : Files.readAllLines(ROOT.resolve(dockerfile))) {
				if (line.startsWith("FROM ")) {
					assertThat(line.split("\\s+")[1]).as(line).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
				}
			}
		}
	}

	@Test
	void everyPartHasAHealthCheckAndTheServicesWaitForHealthyDependencies() {
		this.services.forEach((name, service) -> {
			if (!SET_UP_STEPS.containsKey(name)) {
				assertThat(service).as(name).containsKey("healthcheck");
			}
		});
		for (String name : SERVICES) {
			Map<String, Object> service = this.services.get(name);
			assertThat(service.get("healthcheck").toString()).contains("/actuator/health/readiness");
			assertThat(dependsOn(name)).containsEntry("kafka", HEALTHY).containsEntry("schema-registry", HEALTHY);
		}
	}

	@Test
	void theServicesAreBuiltFromThisRepository() {
		for (String name : SERVICES) {
			@SuppressWarnings("unchecked")
			Map<String, Object> build = (Map<String, Object>) this.services.get(name).get("build");
			assertThat(build.get("context")).isEqualTo(".");
			assertThat(ROOT.resolve((String) build.get("dockerfile"))).exists();
			assertThat(build.get("args")).isEqualTo(Map.of("MODULE", name));
			// The Dockerfile copies <module>/target/<module>-<version>.jar: the build
			// makes it.
			assertThat(ROOT.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT.jar")).exists();
		}
	}

	@Test
	void kafkaKeepsItsDataInAVolumeAndHasTheOneNodeSettingsExactlyOnceNeeds() {
		assertThat(volumesOf("kafka")).contains("kafka-data:/var/lib/kafka/data");
		assertThat(((Map<String, Object>) compose().get("volumes")).keySet())
			.containsAll(Set.of("kafka-data", "identity-data", "prometheus-data", "grafana-data", "init-secrets"));
		assertThat(environment("kafka")).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
			.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
	}

	@Test
	void everyEnvironmentVariableOfAServiceNamesASettingItHas() throws IOException {
		for (String name : SERVICES) {
			// A service's own settings, and those every service shares (service-support).
			Properties settings = new Properties();
			for (Path file : List.of(ROOT.resolve(name).resolve("src/main/resources/application.properties"),
					ROOT.resolve("service-support/src/main/resources/service-defaults.properties"))) {
				try (Reader reader = Files.newBufferedReader(file)) {
					settings.load(reader);
				}
			}
			RESOURCE_SERVER_SETTINGS.forEach((setting) -> settings.setProperty(setting, ""));
			LOCKED_STACK_SETTINGS.forEach((setting) -> settings.setProperty(setting, ""));
			Map<String, String> environment = environment(name);
			assertThat(environment).containsKeys("SERVER_ADDRESS", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
			for (String variable : environment.keySet()) {
				assertThat(settingsReadFrom(variable, settings.stringPropertyNames())).as(name + ": " + variable)
					.hasSize(1);
			}
		}
	}

	@Test
	void theIdentityProviderIsBuiltFromThisRepositoryAndKeepsItsCredentialsInAVolume() throws IOException {
		Map<String, Object> identity = this.services.get(IDENTITY);
		@SuppressWarnings("unchecked")
		Map<String, Object> build = (Map<String, Object>) identity.get("build");
		assertThat(build.get("context")).isEqualTo(".");
		assertThat(build.get("dockerfile")).isEqualTo("docker/service.Dockerfile");
		assertThat(build.get("args")).isEqualTo(Map.of("MODULE", "dev-identity-provider", "JAR_SUFFIX", "-exec"));
		// The Dockerfile copies the runnable jar, the one with the exec classifier.
		assertThat(ROOT.resolve("dev-identity-provider/target/dev-identity-provider-0.1.0-SNAPSHOT-exec.jar")).exists();
		assertThat(Files.readString(ROOT.resolve("docker/service.Dockerfile")))
			.contains("${MODULE}-0.1.0-SNAPSHOT${JAR_SUFFIX}.jar");
		assertThat(identity.get("volumes")).isEqualTo(List.of("identity-data:/var/lib/service"));
		assertThat(environment(IDENTITY)).containsEntry("IDENTITY_CREDENTIALSFILE", "/var/lib/service/credentials.json")
			.containsEntry("IDENTITY_ISSUER", "http://127.0.0.1:8084")
			.containsEntry("SERVER_ADDRESS", "0.0.0.0");
		assertThat(identity.get("healthcheck").toString()).contains("/.well-known/openid-configuration");

		Properties settings = new Properties();
		try (Reader reader = Files
			.newBufferedReader(ROOT.resolve("dev-identity-provider/src/main/resources/application.properties"))) {
			settings.load(reader);
		}
		for (String variable : environment(IDENTITY).keySet()) {
			assertThat(settingsReadFrom(variable, settings.stringPropertyNames())).as(IDENTITY + ": " + variable)
				.hasSize(1);
		}
	}

	@Test
	void everyServiceTrustsTheIssuerTheProviderNamesAndFetchesItsKeysInTheNetwork() {
		String issuer = environment(IDENTITY).get("IDENTITY_ISSUER");
		for (String name : SERVICES) {
			assertThat(environment(name)).as(name)
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", issuer)
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI",
						"http://" + IDENTITY + ":8084/oauth2/jwks");
		}
		// The dashboard's sign-in: the browser at the issuer's address, the service by
		// name.
		assertThat(environment("reporting-service")).containsEntry("REPORTINGSERVICE_ISSUERBACKCHANNEL",
				"http://" + IDENTITY + ":8084");
	}

	@Test
	void theSetUpStepsRunTheLaunchersOwnCodeBeforeAnythingUsesWhatTheyMake() throws IOException {
		assertThat(Files.readString(ROOT.resolve("docker/stack-init.Dockerfile")))
			.contains("\"" + ComposeInit.class.getName() + "\"");
		SET_UP_STEPS.forEach((name, step) -> {
			Map<String, Object> service = this.services.get(name);
			assertThat(service.get("image")).as(name).isEqualTo("removal-tracker/stack-init:0.1.0-SNAPSHOT");
			assertThat(((Map<?, ?>) service.get("build")).get("dockerfile")).isEqualTo("docker/stack-init.Dockerfile");
			assertThat(((List<?>) service.get("command")).get(0)).as(name).isEqualTo(step);
		});
		// Secrets before any part that reads them; the principals, topics and ACLs once
		// the broker answers, before the registry signs in; the schemas once the registry
		// answers; the services after both.
		for (String part : List.of("kafka", "identity-provider", PROMETHEUS, "grafana")) {
			assertThat(dependsOn(part)).as(part).containsEntry("stack-secrets", COMPLETED);
		}
		assertThat(dependsOn("kafka-setup")).isEqualTo(Map.of("kafka", HEALTHY));
		assertThat(dependsOn("schema-registry")).isEqualTo(Map.of("kafka-setup", COMPLETED));
		assertThat(dependsOn("schema-deploy")).isEqualTo(Map.of("schema-registry", HEALTHY));
		for (String name : SERVICES) {
			assertThat(dependsOn(name)).as(name)
				.containsEntry("kafka-setup", COMPLETED)
				.containsEntry("schema-deploy", COMPLETED);
		}
	}

	@Test
	void kafkaAsksEveryListenerForSaslAndRefusesWhatNoAclAllows() throws IOException {
		Map<String, String> kafka = environment("kafka");
		Map<String, String> protocols = new TreeMap<>();
		for (String listener : kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
			protocols.put(listener.split(":")[0], listener.split(":")[1]);
		}
		assertThat(protocols).as("no PLAINTEXT listener")
			.allSatisfy((name, protocol) -> assertThat(protocol).isIn("SASL_PLAINTEXT", "SASL_SSL"));
		assertThat(kafka.get("KAFKA_LISTENERS")).contains("EXTERNAL://0.0.0.0:9092", "CONTROLLER://localhost:9093");
		assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("EXTERNAL://127.0.0.1:9092");
		// The published port takes SCRAM alone: the broker's PLAIN user is for the
		// network inside.
		assertThat(kafka)
			.containsEntry("KAFKA_LISTENER_NAME_EXTERNAL_SASL_ENABLED_MECHANISMS",
					DevelopmentCredentials.KAFKA_MECHANISM)
			.containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
			.containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
			.containsEntry("KAFKA_OPTS",
					"-Djava.security.auth.login.config=" + ComposeInit.PART_MOUNT + "/" + ComposeInit.KAFKA_JAAS);

		Written written = writeSecrets();
		assertThat(kafka).containsEntry("KAFKA_SUPER_USERS", "User:" + written.kafkaUser(ServicePrincipals.BROKER)
				+ ";User:" + written.credentials().kafka("admin").username());
		assertThat(written.partFile("kafka", ComposeInit.KAFKA_JAAS)).contains("KafkaServer {",
				"PlainLoginModule required", "username=\"" + written.kafkaUser(ServicePrincipals.BROKER) + "\"",
				"ScramLoginModule required");
		assertThat(this.services.get("kafka").get("healthcheck").toString())
			.contains("--command-config " + ComposeInit.PART_MOUNT + "/" + ComposeInit.KAFKA_BROKER_CLIENT);
		assertThat(written.partFile("kafka", ComposeInit.KAFKA_BROKER_CLIENT)).contains("sasl.mechanism=PLAIN");
	}

	@Test
	void theSetUpStepGrantsTheAclsOfTheLauncherForThePrincipalsItWrote() throws IOException {
		Written written = writeSecrets();
		List<AclBinding> acls = ComposeInit.acls(written.credentials(), written.principals());

		assertThat(acls).containsAll(KafkaAcls.of("upstream", "auditor", ServicePrincipals.CASE,
				ServicePrincipals.MONITORING, ServicePrincipals.REPORTING, ServicePrincipals.REGISTRY));
		assertThat(acls)
			.filteredOn((acl) -> acl.pattern().resourceType() == ResourceType.GROUP
					&& acl.pattern().name().equals(KafkaAcls.CONFLUENT_REGISTRY_GROUP))
			.extracting((acl) -> acl.entry().principal())
			.containsOnly("User:" + ServicePrincipals.REGISTRY);
	}

	@Test
	void everyServiceSignsInToKafkaAndTheRegistryAsItselfAndRegistersNothing() throws IOException {
		Written written = writeSecrets();
		for (String name : SERVICES) {
			Map<String, String> environment = environment(name);
			assertThat(environment).as(name)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", DevelopmentCredentials.KAFKA_MECHANISM)
				.containsEntry("SPRING_KAFKA_PROPERTIES_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO")
				.containsEntry("SPRING_KAFKA_PROPERTIES_AUTO_REGISTER_SCHEMAS", "false")
				.containsEntry("SPRING_CONFIG_IMPORT",
						"file:" + ComposeInit.PART_MOUNT + "/" + ComposeInit.SERVICE_SETTINGS);
			Properties imported = new Properties();
			imported.load(new StringReader(written.partFile(name, ComposeInit.SERVICE_SETTINGS)));
			assertThat(imported.getProperty("spring.kafka.properties.sasl.jaas.config")).as(name)
				.startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
						+ written.kafkaUser(name) + "\"");
			assertThat(imported.getProperty("spring.kafka.properties.basic.auth.user.info")).as(name)
				.startsWith(written.principals().registry(name).username() + ":");
		}
		assertThat(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("CLIENT://kafka:19092");
	}

	@Test
	void theRegistryAsksForBasicAuthenticationAndStoresSchemasAsItsOwnPrincipal() throws IOException {
		Map<String, String> registry = environment("schema-registry");
		assertThat(registry).containsEntry("SCHEMA_REGISTRY_AUTHENTICATION_METHOD", "BASIC")
			.containsEntry("SCHEMA_REGISTRY_AUTHENTICATION_REALM", ComposeInit.REGISTRY_REALM)
			.containsEntry("SCHEMA_REGISTRY_AUTHENTICATION_ROLES",
					ComposeInit.REGISTRY_ADMIN_ROLE + "," + ComposeInit.REGISTRY_READER_ROLE)
			.containsEntry("SCHEMA_REGISTRY_OPTS",
					"-Djava.security.auth.login.config=" + ComposeInit.PART_MOUNT + "/" + ComposeInit.REGISTRY_JAAS)
			.containsEntry("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "SASL_PLAINTEXT://kafka:19092")
			.containsEntry("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
			.containsEntry("SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM", DevelopmentCredentials.KAFKA_MECHANISM)
			.containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", KafkaAcls.SCHEMAS_TOPIC);
		// Healthy only once it asks for credentials.
		assertThat(this.services.get("schema-registry").get("healthcheck").toString()).contains("= 401");

		Written written = writeSecrets();
		assertThat(written.partFile("schema-registry", ComposeInit.REGISTRY_JAAS)).contains(
				ComposeInit.REGISTRY_REALM + " {",
				"file=\"" + ComposeInit.PART_MOUNT + "/" + ComposeInit.REGISTRY_PASSWORDS + "\"", "KafkaClient {",
				"username=\"" + written.kafkaUser(ServicePrincipals.REGISTRY) + "\"");
		List<String> logins = written.partFile("schema-registry", ComposeInit.REGISTRY_PASSWORDS)
			.lines()
			.filter((line) -> !line.startsWith("#"))
			.toList();
		DevelopmentCredentials.RegistryPrincipal admin = written.credentials().registry("admin");
		assertThat(logins).contains(admin.username() + ": " + admin.password() + "," + ComposeInit.REGISTRY_ADMIN_ROLE);
		assertThat(logins)
			.hasSize(DevelopmentCredentials.REGISTRY_PRINCIPALS.size() + ServicePrincipals.REGISTRY_READERS.size());
		assertThat(logins).filteredOn((line) -> line.endsWith("," + ComposeInit.REGISTRY_ADMIN_ROLE)).hasSize(1);
	}

	@Test
	void eachPartMountsItsOwnSecretsReadOnlyAndNoOneElses() throws IOException {
		Map<String, Object> volumes = (Map<String, Object>) compose().get("volumes");
		List<String> written = volumesOf("stack-secrets");
		for (String part : ComposeInit.PART_FILES.keySet()) {
			String volume = part + "-secrets";
			assertThat(volumes).containsKey(volume);
			assertThat(written).contains(volume + ":/secrets/" + part);
			assertThat(volumesOf(part)).as(part).contains(volume + ":" + ComposeInit.PART_MOUNT + ":ro");
			this.services.keySet()
				.stream()
				.filter((other) -> !other.equals(part) && !other.equals("stack-secrets"))
				.forEach((other) -> assertThat(volumesOf(other)).as(other)
					.noneMatch((mount) -> mount.startsWith(volume + ":")));
		}
		assertThat(written).contains("init-secrets:/secrets/" + ComposeInit.INIT);
		assertThat(this.services.get("stack-secrets").get("command").toString())
			.contains("/var/lib/service/credentials.json", "http://127.0.0.1:8084");

		Written secrets = writeSecrets();
		ComposeInit.PART_FILES.forEach((part, files) -> files.forEach((file) -> {
			Path path = secrets.secrets().resolve(part).resolve(file);
			assertThat(path).exists();
			try {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
					.isEqualTo("r--r--r--");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}));
	}

	@Test
	void prometheusScrapesEveryServiceWithTheMetricsClientsToken() throws IOException {
		assertThat(volumesOf(PROMETHEUS))
			.contains("./docker/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
		Written written = writeSecrets();
		DevelopmentCredentials.Client metrics = written.credentials().client("metrics");
		Map<String, Map<String, Object>> jobs = new TreeMap<>();
		for (Map<String, Object> job : (List<Map<String, Object>>) yaml("docker/prometheus/prometheus.yml")
			.get("scrape_configs")) {
			jobs.put((String) job.get("job_name"), job);
		}
		assertThat(jobs).containsOnlyKeys(SERVICE_PORTS.keySet());
		jobs.forEach((name, job) -> {
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
			assertThat(job.get("static_configs").toString())
				.isEqualTo("[{targets=[" + name + ":" + SERVICE_PORTS.get(name) + "]}]");
			Map<String, Object> oauth2 = (Map<String, Object>) job.get("oauth2");
			assertThat(oauth2).as(name)
				.containsEntry("client_id", metrics.clientId())
				.containsEntry("client_secret_file", ComposeInit.PART_MOUNT + "/" + ComposeInit.METRICS_CLIENT_SECRET)
				.containsEntry("scopes", List.of("metrics:read"))
				// The credentials file's token endpoint, asked by the service name.
				.containsEntry("token_url",
						written.credentials()
							.tokenEndpoint()
							.replace("http://127.0.0.1:8084", "http://" + IDENTITY + ":8084"));
		});
		assertThat(metrics.scope()).isEqualTo("metrics:read");
		assertThat(written.partFile(PROMETHEUS, ComposeInit.METRICS_CLIENT_SECRET)).isEqualTo(metrics.clientSecret());
	}

	@Test
	void grafanaShowsTheProvisionedDashboardFromPrometheusBehindASignIn() throws IOException {
		assertThat(volumesOf("grafana")).contains("./docker/grafana/provisioning:/etc/grafana/provisioning:ro",
				"./docker/grafana/dashboards:/etc/grafana/dashboards:ro");
		assertThat(environment("grafana"))
			.containsEntry("GF_SECURITY_ADMIN_PASSWORD__FILE",
					ComposeInit.PART_MOUNT + "/" + ComposeInit.GRAFANA_ADMIN_PASSWORD)
			.containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
			.containsEntry("GF_USERS_ALLOW_SIGN_UP", "false");
		Map<String, Object> source = ((List<Map<String, Object>>) yaml(
				"docker/grafana/provisioning/datasources/prometheus.yml")
			.get("datasources")).get(0);
		assertThat(source).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
		Map<String, Object> provider = ((List<Map<String, Object>>) yaml(
				"docker/grafana/provisioning/dashboards/removal-tracker.yml")
			.get("providers")).get(0);
		assertThat(provider.get("options")).isEqualTo(Map.of("path", "/etc/grafana/dashboards"));

		JsonNode dashboard = new ObjectMapper()
			.readTree(ROOT.resolve("docker/grafana/dashboards/removal-tracker.json").toFile());
		List<JsonNode> targets = dashboard.findValues("targets");
		assertThat(targets).isNotEmpty();
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(panel.at("/datasource/uid").asText()).as(panel.path("title").asText())
				.isEqualTo(source.get("uid"));
			assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
		}
	}

	@Test
	void everyJobTheDashboardSelectsIsOneThatPrometheusScrapes() {
		List<String> jobs = List.copyOf(SERVICE_PORTS.keySet());
		for (DashboardQueries.Query query : DashboardQueries.all()) {
			for (DashboardQueries.Selector selector : query.selectors()) {
				assertThat(jobs).as(query.where() + ": " + selector).anyMatch(selector::appliesTo);
			}
		}
	}

	/**
	 * What the stack-secrets step writes, written by its code into a temporary folder.
	 */
	private record Written(Path secrets, DevelopmentCredentials credentials, ServicePrincipals principals) {

		String partFile(String part, String name) throws IOException {
			return Files.readString(this.secrets.resolve(part).resolve(name));
		}

		String kafkaUser(String part) {
			return this.principals.kafka(part).username();
		}

	}

	private Written writeSecrets() throws IOException {
		Path credentials = this.temporary.resolve("identity").resolve("credentials.json");
		Path secrets = this.temporary.resolve("secrets");
		ComposeInit.writeSecrets(credentials, secrets, "http://127.0.0.1:8084",
				new PrintStream(OutputStream.nullOutputStream()));
		return new Written(secrets, DevelopmentCredentials.loadOrCreate(credentials, "http://127.0.0.1:8084"),
				ServicePrincipals.loadOrCreate(secrets.resolve(ComposeInit.INIT)));
	}

	private Map<String, Object> dependsOn(String service) {
		Object dependsOn = this.services.get(service).get("depends_on");
		return (dependsOn instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private List<String> volumesOf(String service) {
		Object volumes = this.services.get(service).get("volumes");
		return (volumes instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of();
	}

	private static Map<String, Object> yaml(String file) throws IOException {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve(file))) {
			return new Yaml().load(reader);
		}
	}

	@SafeVarargs
	private static Set<String> union(Set<String>... sets) {
		Set<String> all = new java.util.HashSet<>();
		for (Set<String> set : sets) {
			all.addAll(set);
		}
		return all;
	}

	/** The settings Spring Boot would fill from this environment variable. */
	private static List<String> settingsReadFrom(String variable, Iterable<String> settings) {
		SystemEnvironmentPropertySource env = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value"));
		ConfigurationPropertySource source = ConfigurationPropertySources.from(env).iterator().next();
		List<String> read = new ArrayList<>();
		for (String setting : settings) {
			if (source.getConfigurationProperty(ConfigurationPropertyName.of(setting)) != null) {
				read.add(setting);
			}
		}
		return read;
	}

	@SuppressWarnings("unchecked")
	private Map<String, String> environment(String service) {
		Map<String, Object> environment = (Map<String, Object>) this.services.get(service).get("environment");
		Map<String, String> text = new java.util.TreeMap<>();
		environment.forEach((key, value) -> text.put(key, String.valueOf(value)));
		return text;
	}

	private static Map<String, Object> compose() {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
			return new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
