package io.removaltracker.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Condition;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the Confluent framing and registry look-ups once schemas are cached: a
 * canonical case event serialized and deserialized through the topic's serde, against
 * plain Avro encoding and decoding of the same event with the same writer and reader
 * classes, in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(3)
@State(Scope.Benchmark)
public class SerdeBenchmark {

	private final String scope = "bench-" + UUID.randomUUID();

	private CaseEvent event;

	private Serde<CaseEvent> serde;

	private SpecificDatumWriter<CaseEvent> plainWriter;

	private SpecificDatumReader<CaseEvent> plainReader;

	@Setup
	public void setUp() {
		this.event = aMissedHearingInTheCommunity();
		this.serde = Topics.CASE_EVENTS.valueSerde(Map.of("schema.registry.url", "mock://" + this.scope));
		this.plainWriter = new SpecificDatumWriter<>(CaseEvent.class);
		this.plainReader = new SpecificDatumReader<>(CaseEvent.class);
		// Registers the schema and fills the serde's caches before measuring.
		this.serde.deserializer()
			.deserialize("case-events", this.serde.serializer().serialize("case-events", this.event));
	}

	@TearDown
	public void tearDown() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	/** Baseline: Avro's own binary encoding and decoding, no framing, no registry. */
	@Benchmark
	public CaseEvent plainAvro() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
		this.plainWriter.write(this.event, encoder);
		encoder.flush();
		byte[] bytes = out.toByteArray();
		return this.plainReader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
	}

	/**
	 * The same event through the case-events serde: framing, schema id, cached registry
	 * look-ups.
	 */
	@Benchmark
	public CaseEvent serde() {
		byte[] bytes = this.serde.serializer().serialize("case-events", this.event);
		return this.serde.deserializer().deserialize("case-events", bytes);
	}

	static CaseEvent aMissedHearingInTheCommunity() {
		Instant occurred = Instant.parse("2019-05-14T13:00:00Z");
		return CaseEvent.newBuilder()
			.setEventId("3f1c2b8e-5d7a-4e3b-9a61-2c4d8e0f7a15")
			.setCaseId("C-GTA-2017-004512")
			.setSequence(7)
			.setType(CaseEventType.HEARING_MISSED)
			.setOccurredAt(occurred)
			.setRecordedAt(occurred.plusSeconds(42))
			.setSource("hearing-scheduler")
			.setPayload(new HearingMissed("H-2019-88231", HearingType.REMOVAL_INTERVIEW, occurred))
			.setCase$(CaseState.newBuilder()
				.setPersonId("P-7781-0042")
				.setNationality("UNKNOWN")
				.setCriminality(Criminality.SERIOUS)
				.setOrderType(OrderType.DEPORTATION)
				.setRegion(Region.GREATER_TORONTO)
				.setCustody(Custody.IN_COMMUNITY)
				.setConditions(List.of(Condition.REPORTING))
				.setStayed(false)
				.setOpen(true)
				.setOpenedAt(Instant.parse("2017-02-01T10:00:00Z"))
				.build())
			.build();
	}

}
