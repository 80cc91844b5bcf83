package io.removaltracker.caseservice.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.removaltracker.events.Topics;
import io.removaltracker.events.audit.AccessAction;
import io.removaltracker.events.audit.CaseAccessed;
import io.removaltracker.service.ServiceKafka;
import io.removaltracker.service.ServiceUnavailableException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records each read of a case on {@code access-audit} and waits until Kafka has it: fail
 * closed, so a read that cannot be recorded is answered 503 and gives no data.
 */
public final class AccessAudit implements AutoCloseable {

	private final KafkaProducer<String, CaseAccessed> producer;

	private final Duration timeout;

	private final Clock clock;

	private final Counter unrecorded;

	private final Counter unverifiedForwards;

	public AccessAudit(ServiceKafka kafka, Duration timeout, Clock clock, MeterRegistry meters) {
		Map<String, Object> config = kafka.producerConfig();
		// Each read waits for its own record: nothing to batch.
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		// A read never waits longer than the timeout, even for the metadata of a broker
		// that is down (send() blocks up to max.block.ms, 60 s by default).
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
		this.producer = new KafkaProducer<>(config, new StringSerializer(),
				Topics.ACCESS_AUDIT.valueSerde(kafka.serdeConfig()).serializer());
		this.timeout = timeout;
		this.clock = clock;
		this.unrecorded = Counter.builder("case.access.audit.failures")
			.description("Case reads refused (503) because their audit record could not be written")
			.register(meters);
		this.unverifiedForwards = Counter.builder("case.access.forwarded.unverified")
			.description("Reads marked as forwarded by another instance whose mark did not verify; audited here")
			.register(meters);
	}

	/**
	 * Writes who read which case, and returns once Kafka acknowledged it.
	 * @throws ServiceUnavailableException when it could not be written in time
	 */
	public void record(String principal, AccessAction action, String caseId, boolean found) {
		CaseAccessed access = CaseAccessed.newBuilder()
			.setPrincipal(principal)
			.setAction(action)
			.setCaseId(caseId)
			.setAt(this.clock.instant())
			.setFound(found)
			.build();
		try {
			this.producer.send(new ProducerRecord<>(Topics.ACCESS_AUDIT.name(), caseId, access))
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (KafkaException | ExecutionException | TimeoutException ex) {
			this.unrecorded.increment();
			throw new ServiceUnavailableException("The read of case " + caseId + " could not be recorded on "
					+ Topics.ACCESS_AUDIT.name() + " within " + this.timeout + " (" + ex.getClass().getSimpleName()
					+ "); no case is shown without its audit record. Retry shortly.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.unrecorded.increment();
			throw new ServiceUnavailableException("Interrupted while recording the read of case " + caseId);
		}
	}

	/** Counts a forwarded mark that did not verify (a wrong or missing shared secret). */
	public void forwardNotVerified() {
		this.unverifiedForwards.increment();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
