package io.removaltracker.events;

import java.util.List;
import java.util.Map;

import io.removaltracker.events.audit.CaseAccessed;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import io.removaltracker.events.stats.StatsSnapshot;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the system, in one place, for services and tests alike. Topics that
 * carry a case are keyed by {@code caseId} and share one partition count, so everything
 * about a case lands on the same partition number in each of them.
 */
public final class Topics {

	/**
	 * Partitions of every topic keyed by caseId; equal so the topics are co-partitioned.
	 */
	public static final int CASE_PARTITIONS = 6;

	private static final Map<String, String> KEEP_FOREVER = Map.of("cleanup.policy", "delete", "retention.ms", "-1");

	private static final Map<String, String> KEEP_LATEST = Map.of("cleanup.policy", "compact");

	/** Upstream events, Avro {@link IntakeEvent}; kept a week for investigation. */
	public static final Topic<IntakeEvent> CASE_INTAKE = new Topic<>("case-intake", CASE_PARTITIONS,
			Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(7L * 24 * 3600 * 1000)),
			IntakeEvent.class, () -> AvroSerde.specific(IntakeEvent.class));

	/**
	 * Intake records refused, with their original bytes and the reason in headers; kept
	 * forever.
	 */
	public static final Topic<byte[]> CASE_INTAKE_REJECTED = new Topic<>("case-intake-rejected", CASE_PARTITIONS,
			KEEP_FOREVER, byte[].class, Serdes::ByteArray);

	/**
	 * Internal to case-service: its verdict on each intake event sent over HTTP, keyed by
	 * request id, read by the instance that holds the HTTP request open. Kept an hour.
	 */
	public static final Topic<IntakeOutcome> CASE_INTAKE_OUTCOMES = new Topic<>("case-intake-outcomes", 3,
			Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(3600L * 1000)), IntakeOutcome.class,
			() -> AvroSerde.specific(IntakeOutcome.class));

	/** The canonical case history, written only by case-service: the system of record. */
	public static final Topic<CaseEvent> CASE_EVENTS = new Topic<>("case-events", CASE_PARTITIONS, KEEP_FOREVER,
			CaseEvent.class, () -> AvroSerde.specific(CaseEvent.class));

	/**
	 * Wanted flags raised and cleared, written only by monitoring-service; kept for
	 * replay.
	 */
	public static final Topic<WantedFlagEvent> WANTED_FLAGS = new Topic<>("wanted-flags", CASE_PARTITIONS, KEEP_FOREVER,
			WantedFlagEvent.class, () -> AvroSerde.specific(WantedFlagEvent.class));

	/** The national figures, key {@code national}, written only by reporting-service. */
	public static final Topic<StatsSnapshot> CASE_STATS = new Topic<>("case-stats", 1, KEEP_LATEST, StatsSnapshot.class,
			() -> AvroSerde.specific(StatsSnapshot.class));

	/**
	 * Every read of a case over HTTP, written only by case-service, read by auditors.
	 * Kept forever like the case history it guards: "who has read this person's record"
	 * must be answerable for as long as the record exists, and reads are few next to
	 * intake. A deployment bound to a shorter records schedule sets {@code retention.ms}
	 * on the topic.
	 */
	public static final Topic<CaseAccessed> ACCESS_AUDIT = new Topic<>("access-audit", CASE_PARTITIONS, KEEP_FOREVER,
			CaseAccessed.class, () -> AvroSerde.specific(CaseAccessed.class));

	/** The key of the one record kept on {@link #CASE_STATS}. */
	public static final String NATIONAL_KEY = "national";

	private Topics() {
	}

	public static List<Topic<?>> all() {
		return List.of(CASE_INTAKE, CASE_INTAKE_REJECTED, CASE_INTAKE_OUTCOMES, CASE_EVENTS, WANTED_FLAGS, CASE_STATS,
				ACCESS_AUDIT);
	}

}
