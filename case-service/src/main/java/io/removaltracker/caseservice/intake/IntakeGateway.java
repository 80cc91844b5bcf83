package io.removaltracker.caseservice.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.removaltracker.events.Topics;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import io.removaltracker.service.ServiceUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The HTTP side of intake: puts an event on {@code case-intake} like any upstream
 * producer, with a request id header, and waits for the processor's verdict on
 * {@code case-intake-outcomes}. Every instance reads every verdict (read-committed, so
 * only verdicts whose transaction committed) and completes the requests it holds.
 */
public final class IntakeGateway implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(IntakeGateway.class);

	private final KafkaProducer<String, IntakeEvent> producer;

	private final KafkaConsumer<String, IntakeOutcome> verdicts;

	private final Map<String, CompletableFuture<IntakeOutcome>> waiting = new ConcurrentHashMap<>();

	private final Thread reader;

	private volatile boolean running = true;

	public IntakeGateway(KafkaProperties kafka, Map<String, ?> serdeConfig) {
		Map<String, Object> producerConfig = kafka.buildProducerProperties();
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
				Topics.CASE_INTAKE.valueSerde(serdeConfig).serializer());
		Map<String, Object> consumerConfig = kafka.buildConsumerProperties();
		consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
		consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.verdicts = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
				Topics.CASE_INTAKE_OUTCOMES.valueSerde(serdeConfig).deserializer());
		List<TopicPartition> partitions = this.verdicts.partitionsFor(Topics.CASE_INTAKE_OUTCOMES.name())
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.verdicts.assign(partitions);
		// Positions fixed now, before any request is sent, so no verdict can be missed.
		this.verdicts.seekToEnd(partitions);
		partitions.forEach(this.verdicts::position);
		this.reader = new Thread(this::readVerdicts, "intake-verdicts");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Sends the event and waits for its verdict.
	 * @throws UnavailableException when Kafka did not take the event or no verdict came
	 * in time
	 */
	public IntakeOutcome submit(IntakeEvent event, Duration timeout) {
		String requestId = UUID.randomUUID().toString();
		CompletableFuture<IntakeOutcome> verdict = new CompletableFuture<>();
		this.waiting.put(requestId, verdict);
		try {
			ProducerRecord<String, IntakeEvent> record = new ProducerRecord<>(Topics.CASE_INTAKE.name(),
					event.getCaseId(), event);
			record.headers().add(IntakeChannel.REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
			try {
				this.producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new UnavailableException("Kafka did not take the event: " + rootMessage(ex)
						+ "; nothing was recorded, retry with the same eventId");
			}
			try {
				return verdict.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				throw new UnavailableException("The event was taken but no verdict came within " + timeout
						+ "; it may still be recorded, so retry with the same eventId, which is safe");
			}
			catch (ExecutionException ex) {
				throw new UnavailableException("No verdict: " + rootMessage(ex));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnavailableException("Interrupted while waiting for the verdict");
		}
		finally {
			this.waiting.remove(requestId);
		}
	}

	private void readVerdicts() {
		while (this.running) {
			try {
				for (ConsumerRecord<String, IntakeOutcome> record : this.verdicts.poll(Duration.ofMillis(500))) {
					CompletableFuture<IntakeOutcome> request = this.waiting.get(record.key());
					if (request != null) {
						request.complete(record.value());
					}
				}
			}
			catch (WakeupException ex) {
				return;
			}
			catch (RecordDeserializationException ex) {
				// A verdict that cannot be read leaves its request to time out with a
				// clear
				// answer; the reader skips it and goes on.
				log.warn("Skipping an unreadable verdict at {} offset {}: {}", ex.topicPartition(), ex.offset(),
						ex.getMessage());
				this.verdicts.seek(ex.topicPartition(), ex.offset() + 1);
			}
			catch (RuntimeException ex) {
				log.warn("Reading verdicts failed, retrying: {}", ex.getMessage());
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.verdicts.wakeup();
		try {
			this.reader.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
