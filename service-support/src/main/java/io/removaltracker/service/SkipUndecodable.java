package io.removaltracker.service;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be decoded is logged (where it is and why, never its content),
 * counted as {@code kafka_records_undecodable_total{topic}}, and skipped: one bad record
 * must not stop every other case. The record stays in its topic for whoever investigates.
 * A record that could not be decoded because the registry could not answer is not bad: it
 * is read again once the registry answers ({@link ThreadFailurePolicy}).
 */
public final class SkipUndecodable implements DeserializationExceptionHandler {

	/**
	 * Streams config key under which {@link StreamsRuntime} hands over the meter
	 * registry.
	 */
	public static final String METER_REGISTRY_CONFIG = "removal-tracker.meter-registry";

	private static final Logger log = LoggerFactory.getLogger(SkipUndecodable.class);

	private MeterRegistry meters;

	@Override
	public void configure(Map<String, ?> configs) {
		Object registry = configs.get(METER_REGISTRY_CONFIG);
		this.meters = (registry instanceof MeterRegistry meterRegistry) ? meterRegistry : null;
	}

	@Override
	public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
			Exception exception) {
		if (ThreadFailurePolicy.isTransient(exception)) {
			// Nothing is known to be wrong with the bytes: fail the thread, which is
			// replaced after a pause and reads the same record again.
			return Response.fail();
		}
		skipped(this.meters, record, exception);
		return Response.resume();
	}

	/**
	 * Logs and counts a record skipped because it could not be decoded, for any consumer
	 * of the services; {@code meters} may be null.
	 */
	public static void skipped(MeterRegistry meters, ConsumerRecord<?, ?> record, Exception exception) {
		log.warn("Skipping an undecodable record at {}-{} offset {}: {}", record.topic(), record.partition(),
				record.offset(), exception.getMessage());
		if (meters != null) {
			Counter.builder("kafka.records.undecodable")
				.description("Records skipped because they could not be decoded")
				.tag("topic", record.topic())
				.register(meters)
				.increment();
		}
	}

}
