package io.removaltracker.reporting.publish;

import java.time.Duration;
import java.util.function.Consumer;

import io.removaltracker.events.Topics;
import io.removaltracker.events.stats.StatsSnapshot;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each published snapshot to {@code case-stats} under the key {@code national};
 * the topic is compacted, so it keeps the latest. This service is the topic's only
 * writer.
 */
public final class CaseStatsWriter implements Consumer<StatsSnapshot>, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CaseStatsWriter.class);

	private final Producer<String, StatsSnapshot> producer;

	public CaseStatsWriter(Producer<String, StatsSnapshot> producer) {
		this.producer = producer;
	}

	/**
	 * A failed write is logged, not retried: the next change writes the figures again.
	 */
	@Override
	public void accept(StatsSnapshot snapshot) {
		this.producer.send(new ProducerRecord<>(Topics.CASE_STATS.name(), Topics.NATIONAL_KEY, snapshot),
				(metadata, ex) -> {
					if (ex != null) {
						log.warn("Could not write the figures to {}: {}", Topics.CASE_STATS.name(), ex.getMessage());
					}
				});
	}

	/** Sends what is still buffered, waiting a few seconds at most for the broker. */
	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
