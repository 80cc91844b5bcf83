package io.removaltracker.caseservice.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.removaltracker.caseservice.rules.CaseFixtures;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.KafkaAndRegistry;
import io.removaltracker.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka intake against a real broker: Avro records in the Confluent wire format
 * become canonical events; bad records go to {@code case-intake-rejected} as they came,
 * with the reason in headers, and the consumer goes on to the next record. One body, run
 * on the embedded broker ({@link KafkaIntakeTest}) and on the real images
 * ({@link KafkaIntakeContainersTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class AbstractKafkaIntakeTest {

	@TempDir
	static Path stateDir;

	@LocalServerPort
	int port;

	/** Where the broker and the registry are that the service runs against. */
	protected abstract KafkaAndRegistry kafka();

	@BeforeEach
	void ready() {
		HttpJson http = new HttpJson("http://127.0.0.1:" + this.port);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> http.get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);
	}

	@Test
	void goodRecordsBecomeCanonicalEventsAndBadOnesAreDeadLetteredWithoutStoppingTheConsumer() throws Exception {
		String caseId = "K-" + System.nanoTime();
		IntakeEvent opened = forCase(CaseEventType.CASE_OPENED, caseId);
		IntakeEvent ruleBreaking = forCase(CaseEventType.RELEASED_FROM_PRISON, caseId);
		IntakeEvent arrested = forCase(CaseEventType.ARRESTED, caseId);
		byte[] garbage = "hello".getBytes(StandardCharsets.UTF_8);
		byte[] wrongMagic = HexFormat.of().parseHex("0100000001020304050607080900010203040506");
		byte[] unknownSchemaId = HexFormat.of().parseHex("00000F4240020406");

		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (byte[] value : List.of(avro(opened), garbage, wrongMagic, unknownSchemaId, avro(ruleBreaking),
					avro(arrested))) {
				producer
					.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), caseId.getBytes(StandardCharsets.UTF_8),
							value))
					.get(30, TimeUnit.SECONDS);
			}
		}

		List<ConsumerRecord<String, CaseEvent>> events = TopicReader.readUntil(kafka().bootstrapServers(),
				Topics.CASE_EVENTS.name(), new StringDeserializer(),
				Topics.CASE_EVENTS.valueSerde(kafka().serdeConfig()).deserializer(),
				(record) -> caseId.equals(record.key()), 2);
		assertThat(events).extracting((record) -> record.value().getType())
			.containsExactly(CaseEventType.CASE_OPENED, CaseEventType.ARRESTED);
		assertThat(events).extracting((record) -> record.value().getSequence()).containsExactly(1L, 2L);

		List<ConsumerRecord<byte[], byte[]>> rejected = TopicReader.readUntil(kafka().bootstrapServers(),
				Topics.CASE_INTAKE_REJECTED.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
				(record) -> caseId.equals(new String(record.key(), StandardCharsets.UTF_8)), 4);
		assertThat(rejected).extracting(ConsumerRecord::value)
			.containsExactly(garbage, wrongMagic, unknownSchemaId, avro(ruleBreaking));
		assertThat(rejected).extracting((record) -> header(record, "rejection-reason"))
			.containsExactly("undecodable", "undecodable", "undecodable", "transition-not-allowed");
		assertThat(header(rejected.get(1), "rejection-detail")).contains("magic byte 0x01");
		assertThat(header(rejected.get(2), "rejection-detail")).contains("schema id 1000000");
	}

	@Test
	void anEnforcementEventTheCaseCannotTakeIsRejectedWithItsReason() throws Exception {
		String caseId = "K-" + System.nanoTime();
		IntakeEvent sameTeamAgain = forCase(CaseEventType.ASSIGNED_TO_TEAM, caseId);
		List<IntakeEvent> sent = List.of(forCase(CaseEventType.CASE_OPENED, caseId),
				forCase(CaseEventType.ASSIGNED_TO_TEAM, caseId), sameTeamAgain,
				forCase(CaseEventType.REVIEW_COMPLETED, caseId));

		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (IntakeEvent event : sent) {
				producer
					.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), caseId.getBytes(StandardCharsets.UTF_8),
							avro(event)))
					.get(30, TimeUnit.SECONDS);
			}
		}

		List<ConsumerRecord<String, CaseEvent>> events = TopicReader.readUntil(kafka().bootstrapServers(),
				Topics.CASE_EVENTS.name(), new StringDeserializer(),
				Topics.CASE_EVENTS.valueSerde(kafka().serdeConfig()).deserializer(),
				(record) -> caseId.equals(record.key()), 3);
		assertThat(events).extracting((record) -> record.value().getType())
			.containsExactly(CaseEventType.CASE_OPENED, CaseEventType.ASSIGNED_TO_TEAM, CaseEventType.REVIEW_COMPLETED);
		assertThat(events.get(2).value().getCase$().getTeam()).isEqualTo(CaseFixtures.TEAM);
		List<ConsumerRecord<byte[], byte[]>> rejected = TopicReader.readUntil(kafka().bootstrapServers(),
				Topics.CASE_INTAKE_REJECTED.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
				(record) -> caseId.equals(new String(record.key(), StandardCharsets.UTF_8)), 1);
		assertThat(rejected).singleElement().satisfies((record) -> {
			assertThat(record.value()).isEqualTo(avro(sameTeamAgain));
			assertThat(header(record, "rejection-reason")).isEqualTo("transition-not-allowed");
			assertThat(header(record, "rejection-status")).isEqualTo("409");
			assertThat(header(record, "rejection-detail")).contains("already assigned to " + CaseFixtures.TEAM);
		});
	}

	@Test
	void kafkaEventsAreReportedByTheirSourceAndAForgedCallerIsIgnored() throws Exception {
		String caseId = "K-" + System.nanoTime();
		IntakeEvent opened = forCase(CaseEventType.CASE_OPENED, caseId);
		IntakeEvent arrested = forCase(CaseEventType.ARRESTED, caseId);
		arrested.setSource(null);
		IntakeEvent claimingToBeAnOfficer = forCase(CaseEventType.RELEASED_ON_CONDITIONS, caseId);

		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			byte[] key = caseId.getBytes(StandardCharsets.UTF_8);
			producer.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), key, avro(opened))).get(30, TimeUnit.SECONDS);
			producer.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), key, avro(arrested)))
				.get(30, TimeUnit.SECONDS);
			ProducerRecord<byte[], byte[]> forged = new ProducerRecord<>(Topics.CASE_INTAKE.name(), key,
					avro(claimingToBeAnOfficer));
			forged.headers()
				.add(IntakeReporter.PRINCIPAL_HEADER, "officer-console".getBytes(StandardCharsets.UTF_8))
				.add(IntakeReporter.SIGNATURE_HEADER, "bm90LWEtc2lnbmF0dXJl".getBytes(StandardCharsets.UTF_8));
			producer.send(forged).get(30, TimeUnit.SECONDS);
		}

		List<ConsumerRecord<String, CaseEvent>> events = TopicReader.readUntil(kafka().bootstrapServers(),
				Topics.CASE_EVENTS.name(), new StringDeserializer(),
				Topics.CASE_EVENTS.valueSerde(kafka().serdeConfig()).deserializer(),
				(record) -> caseId.equals(record.key()), 3);
		assertThat(events).extracting((record) -> record.value().getReportedBy())
			.containsExactly("kafka:officer-tool", "kafka:unknown", "kafka:officer-tool");
		assertThat(HttpJson.text("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
			.containsPattern("case_intake_unverified_principal_total(\\{[^}]*\\})? [1-9]");
	}

	private byte[] avro(IntakeEvent event) {
		return Topics.CASE_INTAKE.valueSerde(kafka().serdeConfig())
			.serializer()
			.serialize(Topics.CASE_INTAKE.name(), event);
	}

	private static IntakeEvent forCase(CaseEventType type, String caseId) {
		IntakeEvent event = CaseFixtures.anIntake(type);
		event.setCaseId(caseId);
		event.setOccurredAt(java.time.Instant.now().minusSeconds(60));
		return event;
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
