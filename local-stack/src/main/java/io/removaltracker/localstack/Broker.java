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
 * The Kafka broker of the local stack: one KRaft node acting as broker and controller,
 * listening on loopback only, with the one-node settings exactly-once processing needs
 * (the transaction log and offsets topics with one replica). Its log directory, cluster
 * id and configuration live under {@code <data>/kafka}; the storage is formatted on first
 * start only, so a second start finds every topic and record again.
 */
final class Broker {

	private final StackOptions options;

	private final Path home;

	private final Path logs;

	Broker(StackOptions options, Path logs) {
		this.options = options;
		this.home = options.dataDir().resolve("kafka");
		this.logs = logs;
	}

	Part part() {
		List<String> command = LocalStack.java("-Xmx768m");
		command.add("-Dlogback.configurationFile=" + this.home.resolve("logback.xml"));
		command.addAll(List.of("-cp", classPath(), "kafka.Kafka", this.home.resolve("server.properties").toString()));
		return new Part(StackOptions.BROKER, command, this.logs.resolve("kafka.log"), this::answers);
	}

	/**
	 * Writes the configuration, and formats the storage when it has never been formatted.
	 */
	void format() throws IOException, InterruptedException {
		Files.createDirectories(this.home);
		Path clusterIdFile = this.home.resolve("cluster-id");
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
			.redirectOutput(this.logs.resolve("kafka-format.log").toFile())
			.start();
		if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
			format.destroyForcibly();
			throw new IOException(
					"formatting the broker's storage failed; see " + this.logs.resolve("kafka-format.log"));
		}
	}

	String serverProperties() {
		int port = this.options.port(StackOptions.BROKER);
		int controller = this.options.port(StackOptions.CONTROLLER);
		return String.join("\n", "# Written by local-stack at every start; edit the launcher, not this file.",
				"process.roles=broker,controller", "node.id=1", "controller.quorum.voters=1@127.0.0.1:" + controller,
				"listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.home.resolve("log"), "num.partitions=1",
				"auto.create.topics.enable=false", "offsets.topic.replication.factor=1",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
				"group.initial.rebalance.delay.ms=0", "") + "\n";
	}

	private boolean answers() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.options.bootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
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
