package io.removaltracker.localstack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
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
 * Spring Boot maps them).
 */
class DockerComposeTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Map<String, Integer> PORTS = Map.of("kafka", 9092, "schema-registry", 8081,
			"identity-provider", 8084, "case-service", 8080, "monitoring-service", 8082, "reporting-service", 8083);

	private static final String IDENTITY = "identity-provider";

	/**
	 * Spring Boot's own settings of an OAuth 2.0 resource server, which every service is:
	 * in no properties file of ours when they keep their defaults.
	 */
	private static final List<String> RESOURCE_SERVER_SETTINGS = List.of(
			"spring.security.oauth2.resourceserver.jwt.issuer-uri",
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri");

	private static final List<String> SERVICES = List.of("case-service", "monitoring-service", "reporting-service");

	@SuppressWarnings("unchecked")
	private final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose()
		.get("services");

	@Test
	void runsTheBrokerTheRegistryTheIdentityProviderAndTheThreeServicesOnTheContractsPortsOnLoopback() {
		assertThat(this.services).containsOnlyKeys(PORTS.keySet());
		PORTS.forEach((name, port) -> assertThat(this.services.get(name).get("ports")).as(name)
			.isEqualTo(List.of("127.0.0.1:" + port + ":" + port)));
	}

	@Test
	void everyImageIsPinnedToAVersion() throws IOException {
		this.services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
		});
		assertThat(this.services.get("kafka").get("image")).asString().startsWith("apache/kafka:");
		assertThat(this.services.get("schema-registry").get("image")).asString()
			.startsWith("confluentinc/cp-schema-registry:");
		for (String line : Files.readAllLines(ROOT.resolve("docker/service.Dockerfile"))) {
			if (line.startsWith("FROM ")) {
				assertThat(line.split("\\s+")[1]).as(line).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
			}
		}
	}

	@Test
	void everyPartHasAHealthCheckAndTheServicesWaitForHealthyDependencies() {
		this.services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
		for (String name : SERVICES) {
			Map<String, Object> service = this.services.get(name);
			assertThat(service.get("healthcheck").toString()).contains("/actuator/health/readiness");
			assertThat(service.get("depends_on")).isEqualTo(Map.of("kafka", Map.of("condition", "service_healthy"),
					"schema-registry", Map.of("condition", "service_healthy")));
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
		Map<String, Object> kafka = this.services.get("kafka");
		assertThat(kafka.get("volumes")).isEqualTo(List.of("kafka-data:/var/lib/kafka/data"));
		assertThat(((Map<?, ?>) compose().get("volumes")).keySet())
			.isEqualTo(java.util.Set.of("kafka-data", "identity-data"));
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
