package io.removaltracker.benchmarks.exhaustion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.removaltracker.events.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows {@code case-stats} from its end and keeps each record's timestamp (the time
 * reporting-service wrote it), so the gaps between publications can be read for any
 * window of the run.
 */
final class CaseStatsGaps implements AutoCloseable {

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final List<Long> timestamps = Collections.synchronizedList(new ArrayList<>());

	private final Thread thread;

	/**
	 * @param client the settings of a principal that may read the topic (the stack's
	 * admin)
	 */
	CaseStatsGaps(Map<String, Object> client) {
		this.consumer = new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		String topic = Topics.CASE_STATS.name();
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
		this.thread = new Thread(this::follow, "case-stats-gaps");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void follow() {
		try {
			while (true) {
				this.consumer.poll(Duration.ofMillis(500)).forEach((record) -> this.timestamps.add(record.timestamp()));
			}
		}
		catch (WakeupException ex) {
			// Closed.
		}
		finally {
			this.consumer.close();
		}
	}

	/**
	 * The gaps between consecutive records written in the window, and from the last of
	 * them to the window's end (a publication that stopped shows there), in ms, sorted.
	 */
	List<Long> gapsMillis(long fromEpochMillis, long toEpochMillis) {
		List<Long> inWindow;
		synchronized (this.timestamps) {
			inWindow = this.timestamps.stream()
				.filter((at) -> at >= fromEpochMillis && at <= toEpochMillis)
				.sorted()
				.toList();
		}
		List<Long> gaps = new ArrayList<>();
		long previous = fromEpochMillis;
		for (long at : inWindow) {
			gaps.add(at - previous);
			previous = at;
		}
		gaps.add(toEpochMillis - previous);
		// The first "gap" is from the window's start, not from a record: dropped when
		// a record precedes it, so only publication-to-publication gaps count.
		if (gaps.size() > 1) {
			gaps.remove(0);
		}
		Collections.sort(gaps);
		return gaps;
	}

	long records(long fromEpochMillis, long toEpochMillis) {
		synchronized (this.timestamps) {
			return this.timestamps.stream().filter((at) -> at >= fromEpochMillis && at <= toEpochMillis).count();
		}
	}

	static long percentile(List<Long> sorted, double percent) {
		if (sorted.isEmpty()) {
			return -1;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

	@Override
	public void close() throws InterruptedException {
		this.consumer.wakeup();
		this.thread.join(10_000);
	}

}
