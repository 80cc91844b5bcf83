package io.removaltracker.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.events.Topics;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.simulator.AccessTokens;
import io.removaltracker.simulator.KafkaIntakePublisher;
import io.removaltracker.simulator.ReferenceScenario;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack with {@code --kafka-tls}: the broker's client listener speaks SASL_SSL
 * with certificates keytool made for this data directory, every part of the stack gets
 * through it, and so does a client that takes its settings from the credentials file
 * (docs/contract.md, Access: {@code securityProtocol} and {@code caFile}). A client
 * without TLS gets no answer, and one that trusts another CA fails the handshake.
 */
class KafkaTlsIT {

	private static final Path JAR = Path.of("target", "local-stack.jar");

	private static Path dataDir;

	private static StackProcess stack;

	@BeforeAll
	static void startTheStackWithTls() throws InterruptedException {
		dataDir = StackProcess.freshDataDir(Path.of("target", "tls-data").toAbsolutePath());
		stack = StackProcess.start(JAR, dataDir, StackProcess.freePorts(), Map.of(), "--kafka-tls").awaitReady();
	}

	@AfterAll
	static void stopTheStack() throws InterruptedException {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void theCredentialsFileNamesTheProtocolAndTheCaAndTheKeysAreOwnerOnly() throws IOException {
		JsonNode credentials = new ObjectMapper().readTree(stack.credentialsFile().toFile());
		Path tls = dataDir.resolve("tls");

		for (String principal : List.of("upstream", "auditor", "admin")) {
			assertThat(credentials.at("/kafka/" + principal + "/securityProtocol").asText()).isEqualTo("SASL_SSL");
			assertThat(credentials.at("/kafka/" + principal + "/caFile").asText())
				.isEqualTo(tls.resolve("ca.pem").toString());
		}
		assertThat(Files.getPosixFilePermissions(tls)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		for (String file : List.of("ca.pem", "broker.p12", "broker.pem", "keystore.password")) {
			assertThat(Files.getPosixFilePermissions(tls.resolve(file))).as(file)
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
		assertThat(tls.resolve("ca.p12")).as("the CA's private key, gone once it has signed").doesNotExist();
		assertThat(stack.output()).contains("Kafka TLS: the CA clients trust is " + tls.resolve("ca.pem"),
				"(SASL_SSL SCRAM-SHA-512, ACLs)");
	}

	@Test
	void anEventSentOverTlsAsUpstreamIsProcessed() {
		IntakeEvent first = ReferenceScenario.cases().get(0).events().get(0);

		try (KafkaIntakePublisher kafka = new KafkaIntakePublisher(stack.bootstrapServers(), stack.url("registry-port"),
				stack.kafkaClientProperties(AccessTokens.UPSTREAM))) {
			assertThat(stack.kafkaClientProperties(AccessTokens.UPSTREAM)).containsEntry("security.protocol",
					"SASL_SSL");
			kafka.publish(first);
			kafka.flush();
			assertThat(kafka.tally().failedCount()).isZero();
		}

		// The canonical event, read over TLS as the stack's operator.
		assertThat(TopicReader.readUntil(stack.kafkaClientProperties("admin"), Topics.CASE_EVENTS.name(),
				new StringDeserializer(), new ByteArrayDeserializer(),
				(record) -> first.getCaseId().equals(record.key()), 1))
			.hasSize(1);
		HttpJson cases = new HttpJson(stack.url("case-port"))
			.withAuthorization(stack.tokens(AccessTokens.OFFICER)::authorization);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			HttpJson.Answer events = cases.get("/api/v1/cases/" + first.getCaseId() + "/events");
			assertThat(events.status()).isEqualTo(200);
			assertThat(events.body().at("/0/reportedBy").asText()).startsWith("kafka:");
		});
	}

	@Test
	void aClientWithoutTlsGetsNoAnswer() {
		for (String protocol : List.of("SASL_PLAINTEXT", "PLAINTEXT")) {
			Map<String, Object> client = client("admin");
			client.put("security.protocol", protocol);
			client.keySet().removeIf((key) -> key.startsWith("ssl."));

			assertThat(describeCluster(client)).as(protocol).isNotNull();
		}
	}

	@Test
	void aClientTrustingAnotherCaFailsTheHandshake() throws Exception {
		Path elsewhere = StackProcess.freshDataDir(Path.of("target", "tls-other-ca").toAbsolutePath());
		BrokerCertificates other = BrokerCertificates.loadOrCreate(elsewhere, elsewhere.resolve("keytool.log"));
		Map<String, Object> client = client("admin");
		client.put("ssl.truststore.location", other.caFile().toString());

		assertThat(causes(describeCluster(client))).hasAtLeastOneElementOfType(SslAuthenticationException.class);
	}

	private static Map<String, Object> client(String principal) {
		Map<String, Object> config = new HashMap<>(stack.kafkaClientProperties(principal));
		config.keySet().removeIf((key) -> key.startsWith("basic.auth.") || key.equals("auto.register.schemas"));
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		return config;
	}

	/** Null when the broker answered, else why it did not. */
	private static Throwable describeCluster(Map<String, Object> client) {
		try (Admin admin = Admin.create(client)) {
			admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private static List<Throwable> causes(Throwable error) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = error; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

}
