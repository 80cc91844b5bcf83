package io.removaltracker.localstack.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.removaltracker.events.Topics;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed on {@code case-events} and {@code case-intake-rejected}, read from
 * the start by a consumer of its own for the whole run, as a downstream team would read
 * it. A canonical event's first three fields (eventId, caseId, sequence;
 * docs/contract.md, Canonical events) are read straight from the Avro bytes, so the check
 * needs neither the registry under test nor the services' serde.
 */
final class CanonicalLog implements AutoCloseable {

	/** What the topics say about some cases. */
	record Findings(long onTopic, long lost, long doubled, long gaps, long missingNotAcknowledged, long rejected,
			Map<String, Long> rejectedByReason, List<String> examples) {
	}

	private final Map<String, Integer> copiesByEventId = new HashMap<>();

	private final Map<String, List<Long>> sequencesByCase = new HashMap<>();

	private final Map<String, List<String>> rejectionsByCase = new HashMap<>();

	private long undecodable;

	private final Thread reader;

	private final Map<String, Object> kafkaClient;

	private volatile boolean closed;

	/**
	 * @param kafkaClient the bootstrap servers and a reader's settings
	 */
	CanonicalLog(Map<String, Object> kafkaClient) {
		this.kafkaClient = kafkaClient;
		this.reader = Load.daemon("chaos-canonical-log", this::read);
	}

	/** What the topics hold for these cases, against the events sent and acknowledged. */
	synchronized Findings findings(Map<String, List<String>> sentByCase, Set<String> acknowledged) {
		long onTopic = 0;
		long lost = 0;
		long doubled = 0;
		long gaps = 0;
		long missingNotAcknowledged = 0;
		long rejected = 0;
		Map<String, Long> byReason = new TreeMap<>();
		List<String> examples = new ArrayList<>();
		for (Map.Entry<String, List<String>> aCase : sentByCase.entrySet()) {
			for (String eventId : aCase.getValue()) {
				int copies = this.copiesByEventId.getOrDefault(eventId, 0);
				onTopic += copies;
				if (copies > 1) {
					doubled += copies - 1;
					example(examples, "doubled: " + eventId + " of " + aCase.getKey() + " " + copies + " times");
				}
				if (copies == 0) {
					if (acknowledged.contains(eventId)) {
						lost++;
						example(examples, "lost: " + eventId + " of " + aCase.getKey());
					}
					else {
						missingNotAcknowledged++;
					}
				}
			}
			List<Long> sequences = this.sequencesByCase.getOrDefault(aCase.getKey(), List.of());
			TreeSet<Long> distinct = new TreeSet<>(sequences);
			if (!distinct.isEmpty() && (distinct.first() != 1 || distinct.last() != distinct.size())) {
				gaps += distinct.last() - distinct.size();
				example(examples, "gap: " + aCase.getKey() + " has sequences " + distinct);
			}
			for (String reason : this.rejectionsByCase.getOrDefault(aCase.getKey(), List.of())) {
				rejected++;
				byReason.merge(reason, 1L, Long::sum);
				example(examples, "rejected: a record of " + aCase.getKey() + " as " + reason);
			}
		}
		return new Findings(onTopic, lost, doubled, gaps, missingNotAcknowledged, rejected, byReason, examples);
	}

	/** Whether every acknowledged event of these cases is on the topic. */
	synchronized boolean holdsAll(Map<String, List<String>> sentByCase, Set<String> acknowledged) {
		return sentByCase.values()
			.stream()
			.flatMap(List::stream)
			.filter(acknowledged::contains)
			.allMatch(this.copiesByEventId::containsKey);
	}

	/** Records on {@code case-events} whose first fields could not be read. */
	synchronized long undecodable() {
		return this.undecodable;
	}

	@Override
	public void close() throws InterruptedException {
		this.closed = true;
		this.reader.join(Duration.ofSeconds(10).toMillis());
	}

	private void read() {
		Map<String, Object> config = new java.util.HashMap<>(
				io.removaltracker.simulator.KafkaCredentials.kafkaSettings(this.kafkaClient));
		config.putAll(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.CLIENT_ID_CONFIG,
				"chaos-canonical-log"));
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : List.of(Topics.CASE_EVENTS.name(), Topics.CASE_INTAKE_REJECTED.name())) {
				consumer.partitionsFor(topic, Duration.ofMinutes(2))
					.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (!this.closed) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					take(record);
				}
			}
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				System.err.println("chaos: the reader of case-events stopped: " + ex);
			}
		}
	}

	private synchronized void take(ConsumerRecord<String, byte[]> record) {
		if (record.topic().equals(Topics.CASE_INTAKE_REJECTED.name())) {
			Header reason = record.headers().lastHeader("rejection-reason");
			this.rejectionsByCase.computeIfAbsent(String.valueOf(record.key()), (key) -> new ArrayList<>())
				.add((reason == null) ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
			return;
		}
		byte[] value = record.value();
		if (value == null || value.length < 5 || value[0] != 0) {
			this.undecodable++;
			return;
		}
		try {
			BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
			String eventId = decoder.readString();
			String caseId = decoder.readString();
			long sequence = decoder.readLong();
			this.copiesByEventId.merge(eventId, 1, Integer::sum);
			this.sequencesByCase.computeIfAbsent(caseId, (key) -> new ArrayList<>()).add(sequence);
		}
		catch (IOException | RuntimeException ex) {
			this.undecodable++;
		}
	}

	private static void example(List<String> examples, String example) {
		if (examples.size() < 5) {
			examples.add(example);
		}
	}

}
