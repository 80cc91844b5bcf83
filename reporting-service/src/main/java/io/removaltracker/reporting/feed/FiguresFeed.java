package io.removaltracker.reporting.feed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.reporting.figures.NationalFigures;
import io.removaltracker.service.PartitionTail;
import io.removaltracker.service.BadRecords;
import io.removaltracker.service.ThreadFailurePolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of {@code case-events} and {@code wanted-flags} from the
 * beginning (committed records only) into the national figures, and keeps reading. Each
 * instance reads everything, so each holds the whole country's figures. Because
 * {@link NationalFigures} ignores what it has seen, a restart, a replay or a record read
 * twice changes nothing. A record that cannot be decoded is logged, counted and skipped.
 */
public final class FiguresFeed implements SmartLifecycle {

	private final Deserializer<CaseEvent> caseEvents;

	private final Deserializer<WantedFlagEvent> flags;

	private final NationalFigures figures;

	private final MeterRegistry meters;

	private final PartitionTail tail;

	private final AtomicLong recordsApplied = new AtomicLong();

	private volatile boolean running;

	public FiguresFeed(Map<String, Object> consumerConfig, Map<String, ?> serdeConfig, NationalFigures figures,
			MeterRegistry meters) {
		this.caseEvents = Topics.CASE_EVENTS.valueSerde(serdeConfig).deserializer();
		this.flags = Topics.WANTED_FLAGS.valueSerde(serdeConfig).deserializer();
		this.figures = figures;
		this.meters = meters;
		this.tail = new PartitionTail("figures-feed", consumerConfig,
				List.of(Topics.CASE_EVENTS.name(), Topics.WANTED_FLAGS.name()), PartitionTail.From.BEGINNING,
				this::apply)
			// How far behind the topics the figures are (the ops dashboard's lag).
			.withMetrics(meters);
	}

	/** Once the topics exist; reads from the beginning. */
	@Override
	public void start() {
		this.tail.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.tail.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** What the feed waits for (a registry that could not answer), while it waits. */
	public Optional<String> waitingFor() {
		return this.tail.waitingFor();
	}

	/**
	 * Whether everything committed before the start has been read: the figures are
	 * complete.
	 */
	public boolean isCaughtUp() {
		return this.tail.isCaughtUp();
	}

	/**
	 * How many records have been applied to the figures so far: when it moves, the
	 * figures may have changed. Counted after the record is applied, so figures read
	 * after this count include at least that many records.
	 */
	public long recordsApplied() {
		return this.recordsApplied.get();
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		boolean caseEvent = record.topic().equals(Topics.CASE_EVENTS.name());
		Object decoded;
		try {
			decoded = caseEvent ? this.caseEvents.deserialize(record.topic(), record.value())
					: this.flags.deserialize(record.topic(), record.value());
		}
		catch (RuntimeException ex) {
			if (ThreadFailurePolicy.isTransient(ex)) {
				// Not a bad record: the tail reads it again once the registry answers.
				throw ex;
			}
			BadRecords.skipped(this.meters, record, ex);
			return;
		}
		try {
			if (caseEvent) {
				this.figures.apply((CaseEvent) decoded);
			}
			else {
				this.figures.apply((WantedFlagEvent) decoded);
			}
		}
		catch (RuntimeException ex) {
			// A record that decoded but that the figures could not take is a defect
			// here, not a bad record: said as such, and counted apart.
			BadRecords.failed(this.meters, record, ex);
			return;
		}
		this.recordsApplied.incrementAndGet();
	}

}
