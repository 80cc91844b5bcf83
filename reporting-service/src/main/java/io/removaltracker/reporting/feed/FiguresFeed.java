package io.removaltracker.reporting.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.reporting.figures.NationalFigures;
import io.removaltracker.service.SkipUndecodable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of {@code case-events} and {@code wanted-flags} from the
 * beginning (committed records only) into the national figures, and keeps reading. Each
 * instance reads everything, so each holds the whole country's figures. Because
 * {@link NationalFigures} ignores what it has seen, a restart, a replay or a record read
 * twice changes nothing. A record that cannot be decoded is logged, counted and skipped.
 */
public final class FiguresFeed implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FiguresFeed.class);

	private final KafkaConsumer<String, byte[]> consumer;

	private final Deserializer<CaseEvent> caseEvents;

	private final Deserializer<WantedFlagEvent> flags;

	private final NationalFigures figures;

	private final FeedListener listener;

	private final MeterRegistry meters;

	private final Map<TopicPartition, Long> endAtStart;

	private final Thread reader;

	private volatile boolean caughtUp;

	private volatile boolean running = true;

	/** Told when the figures may have changed. */
	public interface FeedListener {

		void changed();

	}

	public FiguresFeed(Map<String, Object> consumerConfig, Map<String, ?> serdeConfig, NationalFigures figures,
			FeedListener listener, MeterRegistry meters) {
		Map<String, Object> config = new java.util.HashMap<>(consumerConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		this.caseEvents = Topics.CASE_EVENTS.valueSerde(serdeConfig).deserializer();
		this.flags = Topics.WANTED_FLAGS.valueSerde(serdeConfig).deserializer();
		this.figures = figures;
		this.listener = listener;
		this.meters = meters;
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : List.of(Topics.CASE_EVENTS.name(), Topics.WANTED_FLAGS.name())) {
			this.consumer.partitionsFor(topic)
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		this.endAtStart = this.consumer.endOffsets(partitions);
		this.reader = new Thread(this::read, "figures-feed");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Whether everything committed before the start has been read: the figures are
	 * complete.
	 */
	public boolean isCaughtUp() {
		return this.caughtUp;
	}

	private void read() {
		long records = 0;
		long started = System.nanoTime();
		while (this.running) {
			try {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
					apply(record);
					records++;
				}
				if (!this.caughtUp && reachedStartEnd()) {
					this.caughtUp = true;
					log.info("Figures caught up: {} records read in {} ms", records,
							(System.nanoTime() - started) / 1_000_000);
					this.listener.changed();
				}
			}
			catch (WakeupException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Reading the figures' topics failed, retrying: {}", ex.getMessage());
			}
		}
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		try {
			if (record.topic().equals(Topics.CASE_EVENTS.name())) {
				this.figures.apply(this.caseEvents.deserialize(record.topic(), record.value()));
			}
			else {
				this.figures.apply(this.flags.deserialize(record.topic(), record.value()));
			}
		}
		catch (RuntimeException ex) {
			SkipUndecodable.skipped(this.meters, record, ex);
			return;
		}
		if (this.caughtUp) {
			this.listener.changed();
		}
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
		try {
			this.reader.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.consumer.close();
	}

}
