package io.removaltracker.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of some topics on a thread of its own, outside any consumer
 * group, committed records only, and hands each record to one handler in partition order.
 * Used where every instance must see everything: the HTTP gateway's verdicts and the
 * figures. It starts either at the beginning (rebuild a view) or at the end (only what
 * comes after the start), and knows when it has read everything that was committed before
 * it started.
 */
public final class PartitionTail implements AutoCloseable {

	/** Where reading starts. */
	public enum From {

		/** Everything the topics hold. */
		BEGINNING,
		/** Only records written after {@link #start()} returns. */
		END

	}

	private static final Logger log = LoggerFactory.getLogger(PartitionTail.class);

	private static final long METADATA_WAIT_MS = 30_000;

	private final String name;

	private final List<String> topics;

	private final From from;

	private final Consumer<ConsumerRecord<String, byte[]>> handler;

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread reader;

	private volatile Runnable onCaughtUp = () -> {
	};

	private Map<TopicPartition, Long> endAtStart = Map.of();

	private volatile boolean caughtUp;

	private volatile boolean running = true;

	private volatile String waitingFor;

	private int transientInARow;

	private KafkaClientMetrics metrics;

	/**
	 * @param name what the logs and the thread call this reader
	 * @param consumerConfig the client settings (bootstrap servers, security); group and
	 * offset commits are removed: a tail belongs to no group
	 * @param handler called for each record, on the tail's thread
	 */
	public PartitionTail(String name, Map<String, Object> consumerConfig, List<String> topics, From from,
			Consumer<ConsumerRecord<String, byte[]>> handler) {
		this.name = name;
		this.topics = List.copyOf(topics);
		this.from = from;
		this.handler = handler;
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		this.reader = new Thread(this::read, name);
		this.reader.setDaemon(true);
	}

	/**
	 * Run once, on the tail's thread, when everything committed before the start is read.
	 */
	public PartitionTail onCaughtUp(Runnable action) {
		this.onCaughtUp = action;
		return this;
	}

	/**
	 * Publishes the consumer's own metrics (records behind each partition among them) as
	 * {@code kafka_consumer_*}, as Kafka Streams' are; until closed.
	 */
	public PartitionTail withMetrics(MeterRegistry meters) {
		this.metrics = new KafkaClientMetrics(this.consumer);
		this.metrics.bindTo(meters);
		return this;
	}

	/**
	 * Assigns every partition and fixes the start positions before it returns, so a
	 * record written after it is never missed; then reads on.
	 */
	public void start() {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : this.topics) {
			partitionsOf(topic).forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		this.consumer.assign(partitions);
		if (this.from == From.BEGINNING) {
			this.consumer.seekToBeginning(partitions);
		}
		else {
			this.consumer.seekToEnd(partitions);
		}
		partitions.forEach(this.consumer::position);
		this.endAtStart = this.consumer.endOffsets(partitions);
		this.reader.start();
	}

	/**
	 * The topic's partitions. A topic created a moment ago may not be in every broker's
	 * metadata yet and shows no partitions; it is asked again for up to
	 * {@value #METADATA_WAIT_MS} ms before the start fails with the topic's name.
	 */
	private List<PartitionInfo> partitionsOf(String topic) {
		long deadline = System.nanoTime() + METADATA_WAIT_MS * 1_000_000;
		long pause = 50;
		while (true) {
			List<PartitionInfo> partitions = this.consumer.partitionsFor(topic);
			if (partitions != null && !partitions.isEmpty()) {
				return partitions;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(this.name + ": topic " + topic + " has no partitions after "
						+ METADATA_WAIT_MS + " ms; does it exist?");
			}
			LockSupport.parkNanos(pause * 1_000_000);
			pause = Math.min(pause * 2, 1_000);
		}
	}

	/** Whether everything committed before the start has been read. */
	public boolean isCaughtUp() {
		return this.caughtUp;
	}

	private void read() {
		long records = 0;
		long started = System.nanoTime();
		while (this.running) {
			try {
				ConsumerRecords<String, byte[]> batch = this.consumer.poll(Duration.ofMillis(200));
				int handled = handle(batch);
				records += handled;
				if (handled < batch.count()) {
					continue;
				}
				if (!this.caughtUp && reachedStartEnd()) {
					this.caughtUp = true;
					log.info("{} caught up: {} records read in {} ms", this.name, records,
							(System.nanoTime() - started) / 1_000_000);
					this.onCaughtUp.run();
				}
			}
			catch (WakeupException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("{}: reading {} failed, retrying: {}", this.name, this.topics, ex.getMessage());
			}
		}
	}

	/**
	 * Hands the batch over in partition order. When a dependency could not answer for a
	 * record, every partition goes back to its first record not handled, and the same
	 * records are tried again after a growing pause: nothing is skipped for want of a
	 * registry. Any other failure is the handler's: logged, and that record passed over.
	 * @return how many records were handled
	 */
	private int handle(ConsumerRecords<String, byte[]> batch) {
		int handled = 0;
		List<TopicPartition> partitions = new ArrayList<>(batch.partitions());
		for (int p = 0; p < partitions.size(); p++) {
			for (ConsumerRecord<String, byte[]> record : batch.records(partitions.get(p))) {
				try {
					this.handler.accept(record);
				}
				catch (RuntimeException ex) {
					if (ThreadFailurePolicy.isTransient(ex)) {
						this.consumer.seek(partitions.get(p), record.offset());
						for (TopicPartition later : partitions.subList(p + 1, partitions.size())) {
							this.consumer.seek(later, batch.records(later).get(0).offset());
						}
						waitAfter(ex);
						return handled;
					}
					log.error("{}: passing over the record at {}-{} offset {}, which its handler failed on", this.name,
							record.topic(), record.partition(), record.offset(), ex);
				}
				handled++;
			}
		}
		this.waitingFor = null;
		this.transientInARow = 0;
		return handled;
	}

	private void waitAfter(RuntimeException transientFailure) {
		long pause = ThreadFailurePolicy.pauseMillis(++this.transientInARow);
		this.waitingFor = transientFailure.getMessage();
		log.warn("{} is waiting for a dependency; the same records are read again in {} ms: {}", this.name, pause,
				transientFailure.getMessage());
		LockSupport.parkNanos(pause * 1_000_000);
	}

	/** What the reader waits for (a registry that could not answer), while it waits. */
	public Optional<String> waitingFor() {
		return Optional.ofNullable(this.waitingFor);
	}

	private boolean reachedStartEnd() {
		return this.endAtStart.entrySet()
			.stream()
			.allMatch((end) -> this.consumer.position(end.getKey()) >= end.getValue());
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		// Ends a pause while waiting for a dependency at once.
		this.reader.interrupt();
		if (this.reader.isAlive()) {
			try {
				this.reader.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.metrics != null) {
			this.metrics.close();
		}
		this.consumer.close();
	}

}
