package io.removaltracker.service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream does with a record it cannot use. A record that cannot be decoded, or
 * whose processing fails, is logged (where it is and why, never its content), counted
 * ({@code kafka_records_undecodable_total{topic}},
 * {@code kafka_records_failed_total{topic}}), copied as it was read to the service's
 * dead-letter topic with the reason in headers, and passed over: one bad record must not
 * stop every other case, and nothing is lost. A record that failed because a dependency
 * could not answer (the registry, a broker) is not bad: the thread fails and reads it
 * again after a pause ({@link ThreadFailurePolicy}).
 */
public final class BadRecords implements DeserializationExceptionHandler, ProcessingExceptionHandler {

	/**
	 * Streams config key under which {@link StreamsRuntime} hands over the meter
	 * registry.
	 */
	public static final String METER_REGISTRY_CONFIG = "removal-tracker.meter-registry";

	/** Headers of a dead letter. */
	public static final String REASON_HEADER = "failure-reason";

	public static final String DETAIL_HEADER = "failure-detail";

	private static final Logger log = LoggerFactory.getLogger(BadRecords.class);

	private MeterRegistry meters;

	private String deadLetterTopic;

	@Override
	public void configure(Map<String, ?> configs) {
		Object registry = configs.get(METER_REGISTRY_CONFIG);
		this.meters = (registry instanceof MeterRegistry meterRegistry) ? meterRegistry : null;
		Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
		this.deadLetterTopic = (topic == null || topic.toString().isBlank()) ? null : topic.toString();
	}

	@Override
	public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
			ConsumerRecord<byte[], byte[]> record, Exception exception) {
		if (ThreadFailurePolicy.isTransient(exception)) {
			return DeserializationExceptionHandler.Response.fail();
		}
		skipped(this.meters, record, exception);
		return DeserializationExceptionHandler.Response.resume(deadLetter(context, "undecodable", exception));
	}

	@Override
	public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
			Exception exception) {
		if (ThreadFailurePolicy.isTransient(exception)) {
			return ProcessingExceptionHandler.Response.fail();
		}
		log.error("Passing over a record at {}-{} offset {} that {} failed on: {}", context.topic(),
				context.partition(), context.offset(), context.processorNodeId(), describe(exception), exception);
		countFailed(this.meters, context.topic());
		return ProcessingExceptionHandler.Response.resume(deadLetter(context, "processing-failed", exception));
	}

	/**
	 * Logs and counts a record passed over because it could not be decoded, for any
	 * consumer of the services; {@code meters} may be null.
	 */
	public static void skipped(MeterRegistry meters, ConsumerRecord<?, ?> record, Exception exception) {
		log.warn("Skipping an undecodable record at {}-{} offset {}: {}", record.topic(), record.partition(),
				record.offset(), exception.getMessage());
		count(meters, "kafka.records.undecodable", "Records skipped because they could not be decoded", record.topic());
	}

	/**
	 * Logs and counts a record that decoded but that a consumer of the services failed
	 * on; {@code meters} may be null.
	 */
	public static void failed(MeterRegistry meters, ConsumerRecord<?, ?> record, Exception exception) {
		log.error("Passing over a record at {}-{} offset {} that could not be applied: {}", record.topic(),
				record.partition(), record.offset(), describe(exception), exception);
		countFailed(meters, record.topic());
	}

	/** The record as it was read, with where it came from and why it failed. */
	private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, String reason,
			Exception exception) {
		if (this.deadLetterTopic == null) {
			return List.of();
		}
		RecordHeaders headers = new RecordHeaders();
		if (context.headers() != null) {
			for (Header header : context.headers()) {
				headers.add(header);
			}
		}
		headers.add(REASON_HEADER, bytes(reason));
		headers.add(DETAIL_HEADER, bytes(describe(exception)));
		headers.add("original-topic", bytes(context.topic()));
		headers.add("original-partition", bytes(String.valueOf(context.partition())));
		headers.add("original-offset", bytes(String.valueOf(context.offset())));
		return List.of(new ProducerRecord<>(this.deadLetterTopic, null, context.sourceRawKey(),
				context.sourceRawValue(), headers));
	}

	private static void countFailed(MeterRegistry meters, String topic) {
		count(meters, "kafka.records.failed", "Records passed over because processing them failed", topic);
	}

	private static void count(MeterRegistry meters, String name, String description, String topic) {
		if (meters != null) {
			Counter.builder(name).description(description).tag("topic", topic).register(meters).increment();
		}
	}

	private static String describe(Exception exception) {
		return exception.getClass().getSimpleName() + ": " + exception.getMessage();
	}

	private static byte[] bytes(String text) {
		return String.valueOf(text).getBytes(StandardCharsets.UTF_8);
	}

}
