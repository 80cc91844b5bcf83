package io.removaltracker.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.removaltracker.identity.credentials.DevelopmentCredentials.KafkaPrincipal;
import io.removaltracker.identity.credentials.OwnerOnlyFiles;
import io.removaltracker.simulator.KafkaCredentials;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker of the local stack: a KRaft node acting as broker and controller,
 * listening on loopback only, asking every connection for credentials and every request
 * for an ACL that allows it. Alone ({@code --brokers 1}, the default) it has the one-node
 * settings exactly-once processing needs (the transaction log and offsets topics with one
 * replica); as one of three ({@code --brokers 3}) it has a production cluster's: three
 * replicas of everything and at least two in sync for a write. Its log directory, the
 * cluster id and its configuration live under {@code <data>/kafka} (or {@code kafka-N});
 * the storage is formatted on first start only, so a second start finds every topic and
 * record again.
 * <p>
 * Clients sign in with SASL SCRAM-SHA-512. SCRAM credentials live in the metadata log, so
 * whoever puts them there must get in without one: the brokers and controllers themselves
 * use SASL PLAIN with one static principal ({@link ServicePrincipals#BROKER}, a super
 * user, the only user PLAIN knows), between brokers, towards the controllers, and for the
 * launcher to put every client's SCRAM credentials in at each start
 * ({@link #upsertScram}). A storage formatted before the credentials existed gets them
 * that way too, and no password is ever on a command line (the storage tool's
 * {@code --add-scram} would put them there).
 * <p>
 * With {@code --kafka-tls} the client listener is {@code SASL_SSL}, with the key and
 * certificate of {@link BrokerCertificates}; the brokers' traffic among themselves uses
 * that listener too, trusting the same CA. The controller listener stays
 * {@code SASL_PLAINTEXT} on loopback: only the nodes themselves talk there.
 */
final class Broker {

	private static final String SCRAM = "SCRAM-SHA-512";

	private final StackOptions options;

	private final Path home;

	private final Path logs;

	private final String name;

	private final KafkaPrincipal broker;

	private final KafkaPrincipal admin;

	/** The client listener's certificates; null without TLS. */
	private final BrokerCertificates tls;

	/**
	 * @param name {@link StackOptions#BROKER} alone, or one of
	 * {@link StackOptions#brokers()}
	 * @param broker the brokers' and controllers' own principal
	 * @param admin the stack's operator, a super user like the brokers
	 * @param tls the client listener's certificates, or null for no TLS
	 */
	Broker(StackOptions options, Path logs, String name, KafkaPrincipal broker, KafkaPrincipal admin,
			BrokerCertificates tls) {
		this.tls = tls;
		this.options = options;
		this.name = name;
		this.home = options.dataDir().resolve(name);
		this.logs = logs;
		this.broker = broker;
		this.admin = admin;
	}

	/**
	 * @param classData where its class data archive is (every node of a cluster shares
	 * one: they run the same classes)
	 */
	Part part(ClassDataCache classData) {
		// Kafka's own jars and their libraries, not the launcher's: those are written
		// again on every build, and the JDK would take the archive for outdated.
		List<Path> jars = ClassDataCache.jarsOf(classPath())
			.stream()
			.filter((jar) -> !ClassDataCache.isOwnJar(jar))
			.toList();
		ClassDataCache.Archive archive = classData.archive(StackOptions.BROKER, this.name, jars);
		List<String> command = LocalStack.java(this.options.heap(this.name));
		command.addAll(archive.options());
		command.add("-Dlogback.configurationFile=" + this.home.resolve("logback.xml"));
		command.addAll(List.of("-cp", String.join(File.pathSeparator, jars.stream().map(Path::toString).toList()),
				"kafka.Kafka", this.home.resolve("server.properties").toString()));
		return new Part(this.name, command, this.logs.resolve(this.name + ".log"), this::answers)
			.withClassData(archive);
	}

	/**
	 * Writes the configuration, and formats the storage when it has never been formatted.
	 */
	void format() throws IOException, InterruptedException {
		Files.createDirectories(this.home);
		// One cluster id for every node, kept beside the first.
		Path clusterIdFile = this.options.dataDir().resolve(this.options.brokers().get(0)).resolve("cluster-id");
		Files.createDirectories(clusterIdFile.getParent());
		if (!Files.exists(clusterIdFile)) {
			Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
		}
		String clusterId = Files.readString(clusterIdFile).trim();
		// It holds the brokers' password: owner-only, like the credentials file.
		OwnerOnlyFiles.replaceAtomically(this.home.resolve("server.properties"), serverProperties());
		Files.writeString(this.home.resolve("logback.xml"), LOGBACK, StandardCharsets.UTF_8);
		if (Files.exists(this.home.resolve("log").resolve("meta.properties"))) {
			return;
		}
		List<String> command = new ArrayList<>(LocalStack.java("-Xmx256m"));
		command.add("-Dlogback.configurationFile=" + this.home.resolve("logback.xml"));
		command.addAll(List.of("-cp", classPath(), "kafka.tools.StorageTool", "format", "--ignore-formatted", "-t",
				clusterId, "-c", this.home.resolve("server.properties").toString()));
		Files.createDirectories(this.logs);
		Process format = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.logs.resolve(this.name + "-format.log").toFile())
			.start();
		if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
			format.destroyForcibly();
			throw new IOException(
					"formatting the broker's storage failed; see " + this.logs.resolve(this.name + "-format.log"));
		}
	}

	String serverProperties() throws IOException {
		List<String> brokers = this.options.brokers();
		int node = brokers.indexOf(this.name) + 1;
		int port = this.options.port(this.name);
		int controller = this.options.port(StackOptions.controllerOf(this.name));
		List<String> voters = new ArrayList<>();
		for (int i = 0; i < brokers.size(); i++) {
			voters.add((i + 1) + "@127.0.0.1:" + this.options.port(StackOptions.controllerOf(brokers.get(i))));
		}
		// One copy of everything alone; on three nodes three copies, two of them in sync
		// before a write counts, so one node can be lost without losing a write.
		int replicas = brokers.size();
		int inSync = (replicas > 1) ? 2 : 1;
		String brokerUser = this.broker.username();
		String brokerPassword = KafkaCredentials.quoted(this.broker.password());
		// The credentials the brokers sign in with, and the one user PLAIN accepts.
		String plainServer = "org.apache.kafka.common.security.plain.PlainLoginModule required username="
				+ KafkaCredentials.quoted(brokerUser) + " password=" + brokerPassword + " user_" + brokerUser + "="
				+ brokerPassword + ";";
		return String.join("\n", "# Written by local-stack at every start; edit the launcher, not this file.",
				tlsProperties(), "process.roles=broker,controller", "node.id=" + node,
				"controller.quorum.voters=" + String.join(",", voters),
				"listeners=CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
				"advertised.listeners=CLIENT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=CLIENT:" + ((this.tls != null) ? "SASL_SSL" : "SASL_PLAINTEXT")
						+ ",CONTROLLER:SASL_PLAINTEXT",
				"inter.broker.listener.name=CLIENT",
				// Clients: SCRAM, checked against the metadata log. The brokers' own
				// principal: PLAIN, a static user that needs nothing from the log.
				"listener.name.client.sasl.enabled.mechanisms=" + SCRAM + ",PLAIN",
				"listener.name.client.scram-sha-512.sasl.jaas.config="
						+ "org.apache.kafka.common.security.scram.ScramLoginModule required;",
				"listener.name.client.plain.sasl.jaas.config=" + plainServer,
				"sasl.mechanism.inter.broker.protocol=PLAIN", "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
				"sasl.mechanism.controller.protocol=PLAIN",
				"listener.name.controller.plain.sasl.jaas.config=" + plainServer,
				"authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
				"allow.everyone.if.no.acl.found=false",
				"super.users=User:" + brokerUser + ";User:" + this.admin.username(),
				"log.dirs=" + this.home.resolve("log"), "num.partitions=1", "auto.create.topics.enable=false",
				"default.replication.factor=" + replicas, "min.insync.replicas=" + inSync,
				"offsets.topic.replication.factor=" + replicas, "transaction.state.log.replication.factor=" + replicas,
				"transaction.state.log.min.isr=" + inSync,
				"share.coordinator.state.topic.replication.factor=" + replicas,
				"share.coordinator.state.topic.min.isr=" + inSync, "group.initial.rebalance.delay.ms=0", "") + "\n";
	}

	/**
	 * The client listener's key and certificate, and the CA it trusts as a client of the
	 * other brokers (or of itself, for transaction markers); a comment line without TLS.
	 */
	private String tlsProperties() throws IOException {
		if (this.tls == null) {
			return "# No TLS: the client listener is SASL_PLAINTEXT (--kafka-tls makes it SASL_SSL).";
		}
		return String.join("\n", "listener.name.client.ssl.keystore.type=PKCS12",
				"listener.name.client.ssl.keystore.location=" + this.tls.keystore(),
				"listener.name.client.ssl.keystore.password=" + this.tls.keystorePassword(),
				"listener.name.client.ssl.truststore.type=PEM",
				"listener.name.client.ssl.truststore.location=" + this.tls.caFile(),
				"listener.name.client.ssl.client.auth=none");
	}

	/** Ready when its client listener takes the admin's credentials and answers. */
	private boolean answers() {
		Map<String, Object> config = new HashMap<>(clientProperties(this.admin));
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + this.options.port(this.name));
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
		try (Admin admin = Admin.create(config)) {
			return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** The client settings of a principal on the client listener. */
	static Map<String, Object> clientProperties(KafkaPrincipal principal) {
		return KafkaCredentials.clientProperties(principal.mechanism(), principal.username(), principal.password(),
				principal.securityProtocol(), principal.caFile());
	}

	/**
	 * Gives every principal its SCRAM credentials (the password from the credentials
	 * files; a new salt each time), as the brokers' own principal: the only way in before
	 * the admin has credentials. Retries until the brokers answer, or the time runs out.
	 * @param bootstrapServers where the brokers take clients
	 * @param broker the brokers' own principal, with the client listener's TLS settings
	 * where it has TLS
	 * @return null when done, else why not
	 */
	static String upsertScram(String bootstrapServers, KafkaPrincipal broker, Collection<KafkaPrincipal> principals,
			Duration timeout) throws InterruptedException {
		Map<String, Object> config = new HashMap<>(KafkaCredentials.clientProperties("PLAIN", broker.username(),
				broker.password(), broker.securityProtocol(), broker.caFile()));
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		List<UserScramCredentialAlteration> upserts = new ArrayList<>();
		for (KafkaPrincipal principal : principals) {
			upserts.add(new UserScramCredentialUpsertion(principal.username(),
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), principal.password()));
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		String why = "no answer";
		try (Admin admin = Admin.create(config)) {
			while (System.nanoTime() < deadline) {
				try {
					admin.alterUserScramCredentials(upserts).all().get(15, TimeUnit.SECONDS);
					return null;
				}
				catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
					why = (ex.getCause() != null) ? ex.getCause().toString() : ex.toString();
					TimeUnit.MILLISECONDS.sleep(250);
				}
			}
		}
		return why;
	}

	private static String classPath() {
		return Path.of(System.getProperty("java.class.path")).toAbsolutePath().toString();
	}

	private static final String LOGBACK = """
			<configuration>
			  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
			    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
			  </appender>
			  <logger name="kafka" level="INFO"/>
			  <logger name="org.apache.kafka" level="WARN"/>
			  <logger name="state.change.logger" level="WARN"/>
			  <root level="INFO"><appender-ref ref="OUT"/></root>
			</configuration>
			""";

}
