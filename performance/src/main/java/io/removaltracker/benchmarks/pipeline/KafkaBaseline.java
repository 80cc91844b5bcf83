package io.removaltracker.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The machine's own Kafka limits against the stack's broker: Kafka's ProducerPerformance
 * and ConsumerPerformance (run as their own JVMs, as anyone would run them), and the
 * round trip of one record from a producer to a consumer. Shared with the decade
 * benchmark, which reads the stack's own topics with it.
 */
public final class KafkaBaseline {

	private final String bootstrap;

	/** The client's settings but the brokers: SASL and the rest. */
	private final Map<String, Object> client;

	/**
	 * @param client the bootstrap servers and the settings of the principal the tools use
	 * (the stack's admin: the baseline writes a topic of its own)
	 */
	public KafkaBaseline(Map<String, Object> client) {
		this.bootstrap = String.valueOf(client.get("bootstrap.servers"));
		this.client = new HashMap<>(client);
		this.client.remove("bootstrap.servers");
	}

	private Map<String, Object> config(Object... keysAndValues) {
		Map<String, Object> config = new HashMap<>(this.client);
		config.put("bootstrap.servers", this.bootstrap);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			config.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return config;
	}

	/**
	 * The client settings in an owner-only file, for a tool run as its own JVM: a
	 * password on its command line would be readable by every user of the machine.
	 */
	private Path clientConfigFile() throws IOException {
		Path file = Files.createTempFile("kafka-baseline", ".properties",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Properties properties = new Properties();
		this.client.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
		try (var out = Files.newOutputStream(file)) {
			properties.store(out, null);
		}
		return file;
	}

	/** The average size of the values on a topic, from up to 20,000 records. */
	double averageValueSize(String topic) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long bytes = 0;
			int count = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (count < 20_000 && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					bytes += record.value().length;
					count++;
				}
			}
			return (count == 0) ? 0 : (double) bytes / count;
		}
	}

	void createTopic(String topic, int partitions) throws Exception {
		try (Admin admin = Admin.create(config())) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	/** Records a second from ProducerPerformance, acks=all. */
	double producerRecordsPerSecond(String topic, long records, int recordSize)
			throws IOException, InterruptedException {
		Path clientConfig = clientConfigFile();
		List<String> out;
		try {
			out = runTool("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
					String.valueOf(records), "--record-size", String.valueOf(recordSize), "--throughput", "-1",
					"--bootstrap-server", this.bootstrap, "--command-config", clientConfig.toString(),
					"--command-property", "acks=all");
		}
		finally {
			Files.deleteIfExists(clientConfig);
		}
		// "1000000 records sent, 243902.4 records/sec (46.52 MB/sec), ..." is the last
		// line.
		for (int i = out.size() - 1; i >= 0; i--) {
			String line = out.get(i);
			if (line.contains("records sent,")) {
				return Double.parseDouble(line.replaceAll(".*records sent, ([0-9.]+) records/sec.*", "$1"));
			}
		}
		throw new IllegalStateException("ProducerPerformance said: " + out);
	}

	/** Records a second from ConsumerPerformance, reading the whole topic. */
	double consumerRecordsPerSecond(String topic, long records) throws IOException, InterruptedException {
		Path clientConfig = clientConfigFile();
		List<String> out;
		try {
			out = runTool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", this.bootstrap,
					"--command-config", clientConfig.toString(), "--topic", topic, "--messages",
					String.valueOf(records), "--timeout", "60000");
		}
		finally {
			Files.deleteIfExists(clientConfig);
		}
		return nMsgPerSecond(out);
	}

	/**
	 * How many records the topics whose names match {@code include} hold now, read from
	 * the beginning as ConsumerPerformance reads them (aborted transactions' records
	 * included, transaction markers not): the count to ask the tool for, since the end
	 * offsets also count the markers.
	 */
	public long recordsIn(Pattern include) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				config(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			consumer.listTopics().forEach((topic, infos) -> {
				if (include.matcher(topic).matches()) {
					infos.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
				}
			});
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long records = 0;
			long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("could not read " + include + " to its end within 30 minutes");
				}
				records += consumer.poll(Duration.ofMillis(500)).count();
			}
			return records;
		}
	}

	/**
	 * Seconds ConsumerPerformance takes to read {@code records} records from the topics
	 * whose names match {@code include}, from the beginning, by its own clock (its JVM's
	 * start not counted).
	 */
	public double consumerSeconds(Pattern include, long records) throws IOException, InterruptedException {
		if (records == 0) {
			return 0;
		}
		Path clientConfig = clientConfigFile();
		List<String> out;
		try {
			out = runTool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", this.bootstrap,
					"--command-config", clientConfig.toString(), "--include", include.pattern(), "--num-records",
					String.valueOf(records), "--timeout", "60000");
		}
		finally {
			Files.deleteIfExists(clientConfig);
		}
		return records / nMsgPerSecond(out);
	}

	private static double nMsgPerSecond(List<String> out) {
		for (int i = 0; i < out.size() - 1; i++) {
			List<String> header = Arrays.stream(out.get(i).split(",")).map(String::trim).toList();
			int column = header.indexOf("nMsg.sec");
			if (column >= 0) {
				return Double.parseDouble(out.get(i + 1).split(",")[column].trim());
			}
		}
		throw new IllegalStateException("ConsumerPerformance said: " + out);
	}

	/** One record at a time from a producer (acks=all) to a consumer polling for it. */
	Latencies roundTrips(String topic, int samples) {
		Latencies latencies = new Latencies();
		TopicPartition partition = new TopicPartition(topic, 0);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				config(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
				new ByteArraySerializer(), new ByteArraySerializer());
				KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
						config(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new ByteArrayDeserializer(),
						new ByteArrayDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToEnd(List.of(partition));
			consumer.position(partition);
			byte[] value = "x".repeat(200).getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < samples; i++) {
				long start = System.nanoTime();
				producer.send(new ProducerRecord<>(topic, 0, null, value));
				boolean seen = false;
				while (!seen) {
					seen = !consumer.poll(Duration.ofMillis(100)).isEmpty();
				}
				latencies.add(System.nanoTime() - start);
			}
		}
		return latencies;
	}

	private static List<String> runTool(String mainClass, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
						System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.toList();
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(mainClass + " failed: " + lines);
		}
		return lines;
	}

}
