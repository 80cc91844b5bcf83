package io.removaltracker.caseservice.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

import io.removaltracker.caseservice.rules.CaseStateMachine;
import io.removaltracker.caseservice.rules.Decision;
import io.removaltracker.caseservice.rules.Decision.Accepted;
import io.removaltracker.caseservice.rules.Decision.Refusal;
import io.removaltracker.caseservice.rules.Decision.Refused;
import io.removaltracker.caseservice.rules.FieldErrors;
import io.removaltracker.caseservice.rules.IntakeValidation;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import io.removaltracker.events.intake.Verdict;
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
 * Decides each intake record of one partition, in order: decodes it, checks it, looks up
 * the case, applies the state machine, and writes the canonical event (and the stores) or
 * the refusal, all in one exactly-once transaction. Because {@code case-intake} is keyed
 * by caseId, each case is decided by exactly one processor: sequences are gapless by
 * construction.
 */
final class IntakeProcessor implements Processor<byte[], byte[], Object, Object> {

	static final String EVENT_IDS_STORE = "case-event-ids";

	/** Rejection headers on {@code case-intake-rejected}. */
	static final String REASON_HEADER = "rejection-reason";

	static final String DETAIL_HEADER = "rejection-detail";

	static final String STATUS_HEADER = "rejection-status";

	private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);

	private final Deserializer<IntakeEvent> intakeDeserializer;

	private final Clock clock;

	private final IntakeListener listener;

	private ProcessorContext<Object, Object> context;

	private KeyValueStore<String, CaseEvent> history;

	private CaseHistoryStore historyReads;

	private KeyValueStore<String, String> eventIds;

	IntakeProcessor(Deserializer<IntakeEvent> intakeDeserializer, Clock clock, IntakeListener listener) {
		this.intakeDeserializer = intakeDeserializer;
		this.clock = clock;
		this.listener = listener;
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
		String requestId = header(record.headers(), IntakeChannel.REQUEST_ID_HEADER);
		IntakeChannel channel = (requestId != null) ? IntakeChannel.HTTP : IntakeChannel.KAFKA;
		IntakeEvent event;
		try {
			if (record.value() == null) {
				reject(record, requestId, "unknown", Refusal.INVALID, "The record has no value", Map.of());
				return;
			}
			event = this.intakeDeserializer.deserialize(Topics.CASE_INTAKE.name(), record.value());
		}
		catch (RuntimeException ex) {
			rejectUndecodable(record, ex);
			return;
		}
		String key = (record.key() == null) ? null : new String(record.key(), StandardCharsets.UTF_8);
		String type = event.getType().name();
		FieldErrors errors = IntakeValidation.check(event, this.clock.instant());
		if (!errors.isEmpty()) {
			reject(record, requestId, type, Refusal.INVALID, errors.summary(), errors.asMap());
			return;
		}
		if (!event.getCaseId().equals(key)) {
			// The key decides the partition, and the partition decides who writes the
			// case.
			reject(record, requestId, type, Refusal.INVALID,
					"The record key must be the caseId (" + event.getCaseId() + "), so the case is decided on its own"
							+ " partition; it was " + ((key == null) ? "empty" : "'" + key + "'"),
					Map.of("caseId", "does not match the record key"));
			return;
		}
		String fingerprint = fingerprint(event);
		String seen = this.eventIds.get(eventIdKey(event));
		if (seen != null) {
			answerRepeat(record, requestId, event, fingerprint, seen, channel);
			return;
		}
		CaseEvent last = this.historyReads.last(event.getCaseId()).orElse(null);
		Decision decision = CaseStateMachine.decide(last, event,
				(hearingId) -> this.historyReads.scheduledHearing(event.getCaseId(), hearingId), this.clock.instant());
		if (decision instanceof Refused refused) {
			reject(record, requestId, type, refused.refusal(), refused.detail(), refused.fieldErrors());
			return;
		}
		CaseEvent accepted = ((Accepted) decision).event();
		this.history.put(CaseHistoryStore.key(accepted.getCaseId(), accepted.getSequence()), accepted);
		this.eventIds.put(eventIdKey(event), fingerprint + "|" + accepted.getSequence());
		this.context.forward(new Record<Object, Object>(accepted.getCaseId(), accepted, record.timestamp()),
				IntakeTopology.CANONICAL_SINK);
		if (requestId != null) {
			answer(requestId, Verdict.ACCEPTED, accepted, null, record.timestamp());
		}
		this.listener.accepted(type, channel);
	}

	/**
	 * A repeated eventId: the same content is answered as the first time; other content
	 * is refused.
	 */
	private void answerRepeat(Record<byte[], byte[]> record, String requestId, IntakeEvent event, String fingerprint,
			String seen, IntakeChannel channel) {
		int bar = seen.lastIndexOf('|');
		if (!seen.substring(0, bar).equals(fingerprint)) {
			reject(record, requestId, event.getType().name(), Refusal.EVENT_ID_CONFLICT,
					"eventId " + event.getEventId() + " was already accepted for case " + event.getCaseId()
							+ " with different content; send a new eventId for a different event",
					Map.of("eventId", "already used with different content"));
			return;
		}
		long sequence = Long.parseLong(seen.substring(bar + 1));
		CaseEvent first = this.historyReads.event(event.getCaseId(), sequence).orElseThrow();
		if (requestId != null) {
			answer(requestId, Verdict.DUPLICATE, first, null, record.timestamp());
		}
		this.listener.duplicate(event.getType().name(), channel);
	}

	private void reject(Record<byte[], byte[]> record, String requestId, String type, Refusal refusal, String detail,
			Map<String, String> fieldErrors) {
		this.listener.rejected(type, refusal.rule(), (requestId != null) ? IntakeChannel.HTTP : IntakeChannel.KAFKA);
		if (requestId != null) {
			answer(requestId, Verdict.REFUSED, null,
					io.removaltracker.events.intake.Refusal.newBuilder()
						.setStatus(refusal.status())
						.setRule(refusal.rule())
						.setDetail(detail)
						.setFieldErrors(fieldErrors)
						.build(),
					record.timestamp());
			return;
		}
		deadLetter(record, refusal.rule(), String.valueOf(refusal.status()), detail);
	}

	private void rejectUndecodable(Record<byte[], byte[]> record, RuntimeException ex) {
		// The message names the problem (magic byte, unknown schema id, truncation),
		// never content.
		log.warn("Rejected an undecodable intake record at offset {}: {}",
				this.context.recordMetadata().map((m) -> m.offset()).orElse(-1L), ex.getMessage());
		this.listener.rejected("unknown", "undecodable", IntakeChannel.KAFKA);
		deadLetter(record, "undecodable", "400", String.valueOf(ex.getMessage()));
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

	private void answer(String requestId, Verdict verdict, CaseEvent event,
			io.removaltracker.events.intake.Refusal refusal, long timestamp) {
		IntakeOutcome outcome = IntakeOutcome.newBuilder()
			.setRequestId(requestId)
			.setVerdict(verdict)
			.setEvent(event)
			.setRefusal(refusal)
			.build();
		this.context.forward(new Record<Object, Object>(requestId, outcome, timestamp), IntakeTopology.OUTCOMES_SINK);
	}

	private static String eventIdKey(IntakeEvent event) {
		return event.getCaseId() + "/" + event.getEventId();
	}

	/**
	 * A digest of the whole intake event: equal for the same content, whatever the
	 * channel.
	 */
	static String fingerprint(IntakeEvent event) {
		try {
			MessageDigest sha = SHA_256.get();
			sha.reset();
			ByteBuffer encoded = event.toByteBuffer();
			byte[] bytes = new byte[encoded.remaining()];
			encoded.get(bytes);
			return HexFormat.of().formatHex(sha.digest(bytes));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Cannot fingerprint an intake event", ex);
		}
	}

	/**
	 * One digest per stream thread: looking up the algorithm for every event showed in
	 * JFR.
	 */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	});

	private static String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header == null || header.value() == null) ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

}
