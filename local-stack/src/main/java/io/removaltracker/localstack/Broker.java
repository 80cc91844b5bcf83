package io.removaltracker.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker of the local stack: a KRaft node acting as broker and controller,
 * listening on loopback only. Alone ({@code --brokers 1}, the default) it has the
 * one-node settings exactly-once processing needs (the transaction log and offsets topics
 * with one replica); as one of three ({@code --brokers 3}) it has a production cluster's:
 * three replicas of everything and at least two in sync for a write. Its log directory,
 * the cluster id and its configuration live under {@code <data>/kafka} (or
 * {@code kafka-N}); the storage is formatted on first start only, so a second start finds
 * every topic and record again.
 */
final class Broker {

	private final StackOptions options;

	private final Path home;

	private final Path logs;

	private final String name;

	/**
	 * @param name {@link StackOptions#BROKER} alone, or one of
	 * {@link StackOptions#brokers()}
	 */
	Broker(StackOptions options, Path logs, String name) {
		this.options = options;
		this.name = name;
		this.home = options.dataDir().resolve(name);
		this.logs = logs;
	}

	Part part() {
		List<String> command = LocalStack.java(this.options.brokers().size() > 1 ? "-Xmx512m" : "-Xmx768m");
		command.add("-Dlogback.configurationFile=" + this.home.resolve("logback.xml"));
		command.addAll(List.of("-cp", classPath(), "kafka.Kafka", this.home.resolve("server.properties").toString()));
		return new Part(this.name, command, this.logs.resolve(this.name + ".log"), this::answers);
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
		Files.writeString(this.home.resolve("server.properties"), serverProperties(), StandardCharsets.UTF_8);
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

	String serverProperties() {
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
		return String.join("\n", "# Written by local-stack at every start; edit the launcher, not this file.",
				"process.roles=broker,controller", "node.id=" + node,
				"controller.quorum.voters=" + String.join(",", voters),
				"listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.home.resolve("log"), "num.partitions=1",
				"auto.create.topics.enable=false", "default.replication.factor=" + replicas,
				"min.insync.replicas=" + inSync, "offsets.topic.replication.factor=" + replicas,
				"transaction.state.log.replication.factor=" + replicas, "transaction.state.log.min.isr=" + inSync,
				"share.coordinator.state.topic.replication.factor=" + replicas,
				"share.coordinator.state.topic.min.isr=" + inSync, "group.initial.rebalance.delay.ms=0", "") + "\n";
	}

	private boolean answers() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				"127.0.0.1:" + this.options.port(this.name), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
			return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
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
