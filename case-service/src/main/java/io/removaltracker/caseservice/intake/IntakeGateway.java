package io.removaltracker.caseservice.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.removaltracker.caseservice.access.SigningKey;
import io.removaltracker.events.Topics;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import io.removaltracker.service.PartitionTail;
import io.removaltracker.service.ServiceKafka;
import io.removaltracker.service.ServiceUnavailableException;
import io.removaltracker.service.ThreadFailurePolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The HTTP side of intake: puts an event on {@code case-intake} like any upstream
 * producer, with a request id header, and waits for the processor's verdict on
 * {@code case-intake-outcomes}. Every instance reads every verdict (read-committed, so
 * only verdicts whose transaction committed) and completes the requests it holds.
 */
public final class IntakeGateway implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IntakeGateway.class);

	private static final String RETRY = "Retrying with the same eventId is always safe: it is recorded once.";

	private final KafkaProducer<String, IntakeEvent> producer;

	private final Deserializer<IntakeOutcome> outcomes;

	private final PartitionTail verdicts;

	private final Map<String, CompletableFuture<IntakeOutcome>> waiting = new ConcurrentHashMap<>();

	private volatile boolean running;

	private final IntakeReporter reporter;

	public IntakeGateway(ServiceKafka kafka, Duration verdictTimeout, SigningKey signingKey) {
		this.reporter = new IntakeReporter(signingKey);
		Map<String, Object> producerConfig = kafka.producerConfig();
		// Each request waits for its own send: nothing to batch.
		producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		// A request never waits longer than its verdict timeout, even for metadata of a
		// broker that is down (send() blocks up to max.block.ms, 60 s by default).
		producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, verdictTimeout.toMillis());
		this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
				Topics.CASE_INTAKE.valueSerde(kafka.serdeConfig()).serializer());
		this.outcomes = Topics.CASE_INTAKE_OUTCOMES.valueSerde(kafka.serdeConfig()).deserializer();
		this.verdicts = new PartitionTail("intake-verdicts", kafka.consumerConfig(),
				List.of(Topics.CASE_INTAKE_OUTCOMES.name()), PartitionTail.From.END, this::verdict);
	}

	/**
	 * Fixes the verdict reader's positions before the web server takes a request, so no
	 * verdict can be missed.
	 */
	@Override
	public void start() {
		this.verdicts.start();
		this.running = true;
	}

	/** Before the web server: once the topics exist, and before any request comes in. */
	@Override
	public int getPhase() {
		return 0;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Sends the event, vouching for the caller who reported it, and waits for its
	 * verdict.
	 * @param reportedBy the HTTP caller, recorded as the event's {@code reportedBy}
	 * @throws UnavailableException when Kafka did not take the event or no verdict came
	 * in time
	 */
	public IntakeOutcome submit(IntakeEvent event, String reportedBy, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String requestId = UUID.randomUUID().toString();
		CompletableFuture<IntakeOutcome> verdict = new CompletableFuture<>();
		this.waiting.put(requestId, verdict);
		try {
			ProducerRecord<String, IntakeEvent> record = new ProducerRecord<>(Topics.CASE_INTAKE.name(),
					event.getCaseId(), event);
			record.headers().add(IntakeChannel.REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
			this.reporter.vouch(record.headers(), event, reportedBy);
			Future<RecordMetadata> sent;
			try {
				sent = this.producer.send(record);
			}
			catch (KafkaException ex) {
				// Thrown before the record reached the producer's buffer (the registry or
				// the broker's metadata could not be had in time): it was not sent.
				throw new UnavailableException("The event could not be handed to Kafka (" + rootMessage(ex)
						+ "); it was not recorded. " + RETRY);
			}
			try {
				sent.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new UnavailableException("Kafka did not confirm the event within " + timeout + " ("
						+ rootMessage(ex) + "); it may or may not be recorded. " + RETRY);
			}
			try {
				return verdict.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				throw new UnavailableException("The event was taken but no verdict came within " + timeout
						+ "; it may or may not be recorded. " + RETRY);
			}
			catch (ExecutionException ex) {
				throw new UnavailableException(
						"No verdict (" + rootMessage(ex) + "); the event may or may not be recorded. " + RETRY);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnavailableException(
					"Interrupted while waiting for the verdict; the event may or may not be recorded. " + RETRY);
		}
		finally {
			this.waiting.remove(requestId);
		}
	}

	private static long remainingMillis(long deadline) {
		return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
	}

	private void verdict(ConsumerRecord<String, byte[]> record) {
		CompletableFuture<IntakeOutcome> request = this.waiting.get(record.key());
		if (request == null || record.value() == null) {
			return;
		}
		try {
			request.complete(this.outcomes.deserialize(record.topic(), record.value()));
		}
		catch (RuntimeException ex) {
			if (ThreadFailurePolicy.isTransient(ex)) {
				// The registry could not answer: the reader tries this verdict again.
				throw ex;
			}
			// An unreadable verdict leaves its request to time out with a clear answer.
			log.warn("Skipping an unreadable verdict at {}-{} offset {}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.verdicts.close();
		this.producer.close(Duration.ofSeconds(5));
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/**
	 * Intake could not be confirmed: 503 for the caller, who may retry with the same
	 * eventId.
	 */
	public static final class UnavailableException extends ServiceUnavailableException {

		public UnavailableException(String message) {
			super(message);
		}

	}

}
