package io.removaltracker.caseservice.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.removaltracker.caseservice.rules.AcceptedEventId;
import io.removaltracker.caseservice.rules.Decision;
import io.removaltracker.caseservice.rules.Decision.Accepted;
import io.removaltracker.caseservice.rules.Decision.Duplicate;
import io.removaltracker.caseservice.rules.Decision.Refused;
import io.removaltracker.caseservice.rules.FieldErrors;
import io.removaltracker.caseservice.rules.IntakeDecision;
import io.removaltracker.caseservice.rules.IntakeValidation;
import io.removaltracker.caseservice.rules.RefusalReason;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import io.removaltracker.events.intake.Refusal;
import io.removaltracker.events.intake.Verdict;
import io.removaltracker.service.ThreadFailurePolicy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each intake record of one partition, in order: decodes it, has the rules decide
 * it, and writes the outcome (the canonical event and the stores, the answer to an HTTP
 * request, or the dead letter), all in one exactly-once transaction. Because
 * {@code case-intake} is keyed by caseId, each case is decided by exactly one processor:
 * sequences are gapless by construction.
 */
final class IntakeProcessor implements Processor<byte[], byte[], Object, Object> {

	static final String EVENT_IDS_STORE = "case-event-ids";

	/** Rejection headers on {@code case-intake-rejected}. */
	static final String REASON_HEADER = "rejection-reason";

	static final String DETAIL_HEADER = "rejection-detail";

	static final String STATUS_HEADER = "rejection-status";

	private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);

	private final Deserializer<?> intakeDeserializer;

	private final Clock clock;

	private final IntakeListener listener;

	private final IntakeReporter reporter;

	private ProcessorContext<Object, Object> context;

	private KeyValueStore<String, CaseEvent> history;

	private CaseHistoryStore historyReads;

	private KeyValueStore<String, AcceptedEventId> eventIds;

	IntakeProcessor(Deserializer<IntakeEvent> intakeDeserializer, Clock clock, IntakeListener listener,
			IntakeReporter reporter) {
		this.intakeDeserializer = intakeDeserializer;
		this.clock = clock;
		this.listener = listener;
		this.reporter = reporter;
	}

	@Override
	public void init(ProcessorContext<Object, Object> context) {
		this.context = context;
		this.history = context.getStateStore(CaseHistoryStore.NAME);
		this.historyReads = new CaseHistoryStore(this.history);
		this.eventIds = context.getStateStore(EVENT_IDS_STORE);
	}

	@Override
	public void process(Record<byte[], byte[]> record) {
		if (record.value() == null) {
			refuse(record, "unknown", new Refused(RefusalReason.INVALID, "The record has no value"));
			return;
		}
		Object decoded;
		try {
			decoded = this.intakeDeserializer.deserialize(Topics.CASE_INTAKE.name(), record.value());
		}
		catch (RuntimeException ex) {
			if (ThreadFailurePolicy.isTransient(ex)) {
				// The registry could not answer: nothing is wrong with the record. The
				// transaction aborts, and the record is decided again once it answers.
				throw ex;
			}
			deadLetterUndecodable(record, ex.getMessage());
			return;
		}
		if (!(decoded instanceof IntakeEvent event)) {
			// A registered schema, but another topic's: say which, not a cast failure.
			deadLetterUndecodable(record,
					"The record on " + Topics.CASE_INTAKE.name() + " was written with the schema of "
							+ ((decoded instanceof SpecificRecord other) ? other.getSchema().getFullName()
									: (decoded == null) ? "no value" : decoded.getClass().getName())
							+ ", not " + IntakeEvent.getClassSchema().getFullName());
			return;
		}
		String fingerprint = EventFingerprint.of(event);
		Decision decision = decide(event, fingerprint, record.key());
		if (decision instanceof Accepted accepted) {
			CaseEvent reported = CaseEvent.newBuilder(accepted.event())
				.setReportedBy(this.reporter.reportedBy(event, record.headers(), this.listener))
				.build();
			record(record, reported, fingerprint);
		}
		else if (decision instanceof Duplicate duplicate) {
			answerDuplicate(record, event, duplicate.sequence());
		}
		else {
			refuse(record, event.getType().name(), (Refused) decision);
		}
	}

	/**
	 * The rules' decision, once the event is well formed and its record key is its
	 * caseId.
	 */
	private Decision decide(IntakeEvent event, String fingerprint, byte[] recordKey) {
		Instant now = this.clock.instant();
		FieldErrors errors = IntakeValidation.check(event, now);
		if (!errors.isEmpty()) {
			return new Refused(RefusalReason.INVALID, errors.summary(), errors.asMap());
		}
		String key = (recordKey == null) ? null : new String(recordKey, StandardCharsets.UTF_8);
		if (!event.getCaseId().equals(key)) {
			// The key picks the partition, which picks the one writer of the case.
			return new Refused(RefusalReason.INVALID,
					"The record key must be the caseId (" + event.getCaseId() + "), so the case is decided on its own"
							+ " partition; it was " + ((key == null) ? "empty" : "'" + key + "'"),
					Map.of("caseId", "does not match the record key"));
		}
		AcceptedEventId earlier = this.eventIds.get(eventIdKey(event.getCaseId(), event.getEventId()));
		return IntakeDecision.decide(event, fingerprint, earlier, this.historyReads, now);
	}

	/**
	 * Stores the canonical event and its eventId, sends it to {@code case-events} and
	 * answers the request, if any.
	 */
	private void record(Record<byte[], byte[]> record, CaseEvent accepted, String fingerprint) {
		this.history.put(CaseHistoryStore.key(accepted.getCaseId(), accepted.getSequence()), accepted);
		this.eventIds.put(eventIdKey(accepted.getCaseId(), accepted.getEventId()),
				new AcceptedEventId(fingerprint, accepted.getSequence()));
		this.context.forward(new Record<Object, Object>(accepted.getCaseId(), accepted, record.timestamp()),
				IntakeTopology.CANONICAL_SINK);
		String requestId = requestId(record);
		if (requestId != null) {
			answer(requestId, Verdict.ACCEPTED, accepted, null, record.timestamp());
		}
		this.listener.accepted(accepted.getType().name(), channel(requestId));
	}

	/**
	 * A repeat is answered with the event recorded the first time; nothing is written.
	 */
	private void answerDuplicate(Record<byte[], byte[]> record, IntakeEvent event, long sequence) {
		String requestId = requestId(record);
		if (requestId != null) {
			CaseEvent first = this.historyReads.event(event.getCaseId(), sequence).orElseThrow();
			answer(requestId, Verdict.DUPLICATE, first, null, record.timestamp());
		}
		this.listener.duplicate(event.getType().name(), channel(requestId));
	}

	/**
	 * An HTTP request is answered with the refusal; a Kafka record is dead-lettered with
	 * it.
	 */
	private void refuse(Record<byte[], byte[]> record, String type, Refused refused) {
		RefusalReason reason = refused.reason();
		String requestId = requestId(record);
		this.listener.rejected(type, reason.rule(), channel(requestId));
		if (requestId != null) {
			answer(requestId, Verdict.REFUSED, null,
					Refusal.newBuilder()
						.setStatus(reason.status())
						.setRule(reason.rule())
						.setDetail(refused.detail())
						.setFieldErrors(refused.fieldErrors())
						.build(),
					record.timestamp());
			return;
		}
		deadLetter(record, reason.rule(), String.valueOf(reason.status()), refused.detail());
	}

	private void deadLetterUndecodable(Record<byte[], byte[]> record, String problem) {
		// The message names the problem (magic byte, unknown schema id,
		// truncation), never the content.
		log.warn("Rejected an undecodable intake record at offset {}: {}",
				this.context.recordMetadata().map((m) -> m.offset()).orElse(-1L), problem);
		this.listener.rejected("unknown", "undecodable", IntakeChannel.KAFKA);
		deadLetter(record, "undecodable", "400", String.valueOf(problem));
	}

	/**
	 * Sends the original key and value to the rejection topic, with the reason in
	 * headers.
	 */
	private void deadLetter(Record<byte[], byte[]> record, String reason, String status, String detail) {
		Headers headers = new RecordHeaders();
		for (Header header : record.headers()) {
			headers.add(header);
		}
		headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
		headers.add(STATUS_HEADER, status.getBytes(StandardCharsets.UTF_8));
		headers.add(DETAIL_HEADER, detail.getBytes(StandardCharsets.UTF_8));
		this.context.recordMetadata().ifPresent((meta) -> {
			headers.add("original-topic", meta.topic().getBytes(StandardCharsets.UTF_8));
			headers.add("original-partition", String.valueOf(meta.partition()).getBytes(StandardCharsets.UTF_8));
			headers.add("original-offset", String.valueOf(meta.offset()).getBytes(StandardCharsets.UTF_8));
		});
		this.context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
				IntakeTopology.REJECTED_SINK);
	}

	private void answer(String requestId, Verdict verdict, CaseEvent event, Refusal refusal, long timestamp) {
		IntakeOutcome outcome = IntakeOutcome.newBuilder()
			.setRequestId(requestId)
			.setVerdict(verdict)
			.setEvent(event)
			.setRefusal(refusal)
			.build();
		this.context.forward(new Record<Object, Object>(requestId, outcome, timestamp), IntakeTopology.OUTCOMES_SINK);
	}

	private static String eventIdKey(String caseId, String eventId) {
		return caseId + "/" + eventId;
	}

	/** The id an HTTP request waits under, or null for a record from a Kafka producer. */
	private static String requestId(Record<byte[], byte[]> record) {
		Header header = record.headers().lastHeader(IntakeChannel.REQUEST_ID_HEADER);
		return (header == null || header.value() == null) ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static IntakeChannel channel(String requestId) {
		return (requestId != null) ? IntakeChannel.HTTP : IntakeChannel.KAFKA;
	}

}
