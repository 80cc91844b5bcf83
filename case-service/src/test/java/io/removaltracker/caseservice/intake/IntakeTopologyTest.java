package io.removaltracker.caseservice.intake;

import io.removaltracker.events.common.Region;

import io.removaltracker.events.common.Criminality;

import io.removaltracker.events.wanted.WantedFlagEventType;

import io.removaltracker.events.wanted.WantedFlagEvent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.removaltracker.serde.RegistryUnavailableException;

import java.net.ServerSocket;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.removaltracker.caseservice.access.SigningKey;
import io.removaltracker.caseservice.rules.CaseFixtures;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.intake.AssignedToTeam;
import io.removaltracker.events.intake.CaseOpened;
import io.removaltracker.events.intake.HearingMissed;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.events.intake.IntakeOutcome;
import io.removaltracker.events.intake.NationalityEstablished;
import io.removaltracker.events.intake.Verdict;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.removaltracker.caseservice.rules.CaseFixtures.anIntake;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake topology with Kafka Streams' test driver: given intake records, then the
 * canonical events, rejections and HTTP verdicts it writes, in full.
 */
class IntakeTopologyTest {

	private final String scope = "intake-topology-" + UUID.randomUUID();

	private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + this.scope);

	private TopologyTestDriver driver;

	private TestInputTopic<byte[], byte[]> intake;

	private TestOutputTopic<String, CaseEvent> caseEvents;

	private TestOutputTopic<byte[], byte[]> rejected;

	private TestOutputTopic<String, IntakeOutcome> outcomes;

	private Serializer<IntakeEvent> intakeSerializer;

	private final SigningKey instancesKey = SigningKey.fromSecret("a secret every case-service instance shares");

	private final AtomicInteger unverifiedPrincipals = new AtomicInteger();

	private final IntakeListener countingUnverified = new IntakeListener() {
		@Override
		public void unverifiedPrincipal() {
			IntakeTopologyTest.this.unverifiedPrincipals.incrementAndGet();
		}
	};

	@BeforeEach
	void start() {
		Properties props = new Properties();
		props.put(StreamsConfig.APPLICATION_ID_CONFIG, "case-service-test");
		props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		Clock clock = Clock.fixed(CaseFixtures.NOW, ZoneOffset.UTC);
		this.driver = new TopologyTestDriver(
				IntakeTopology.build(this.serdeConfig, clock, this.countingUnverified, this.instancesKey), props);
		this.intake = this.driver.createInputTopic(Topics.CASE_INTAKE.name(), new ByteArraySerializer(),
				new ByteArraySerializer());
		this.caseEvents = this.driver.createOutputTopic(Topics.CASE_EVENTS.name(), new StringDeserializer(),
				Topics.CASE_EVENTS.valueSerde(this.serdeConfig).deserializer());
		this.rejected = this.driver.createOutputTopic(Topics.CASE_INTAKE_REJECTED.name(), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		this.outcomes = this.driver.createOutputTopic(Topics.CASE_INTAKE_OUTCOMES.name(), new StringDeserializer(),
				Topics.CASE_INTAKE_OUTCOMES.valueSerde(this.serdeConfig).deserializer());
		this.intakeSerializer = Topics.CASE_INTAKE.valueSerde(this.serdeConfig).serializer();
	}

	@AfterEach
	void stop() {
		this.driver.close();
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void acceptedEventsBecomeCanonicalEventsNumberedWithoutGaps() {
		send(anIntake(CaseEventType.CASE_OPENED));
		send(anIntake(CaseEventType.HEARING_SCHEDULED));
		send(anIntake(CaseEventType.HEARING_MISSED));

		List<CaseEvent> events = this.caseEvents.readValuesToList();
		assertThat(events).extracting(CaseEvent::getSequence).containsExactly(1L, 2L, 3L);
		assertThat(events).extracting(CaseEvent::getType)
			.containsExactly(CaseEventType.CASE_OPENED, CaseEventType.HEARING_SCHEDULED, CaseEventType.HEARING_MISSED);
		assertThat(events.get(2).getCase$().getCustody()).isEqualTo(Custody.IN_COMMUNITY);
		assertThat(events.get(2).getRecordedAt()).isEqualTo(CaseFixtures.NOW);
		assertThat(this.rejected.isEmpty()).isTrue();
	}

	@Test
	void refusedKafkaRecordIsDeadLetteredAsSentAndTheNextOneIsProcessed() {
		IntakeEvent attendedBeforeOpening = anIntake(CaseEventType.HEARING_ATTENDED);
		byte[] value = this.intakeSerializer.serialize(Topics.CASE_INTAKE.name(), attendedBeforeOpening);

		this.intake.pipeInput("C-PR-0001".getBytes(StandardCharsets.UTF_8), value);
		send(anIntake(CaseEventType.CASE_OPENED));

		TestRecord<byte[], byte[]> dead = this.rejected.readRecord();
		assertThat(dead.value()).isEqualTo(value);
		assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("C-PR-0001");
		assertThat(header(dead.headers(), IntakeProcessor.REASON_HEADER)).isEqualTo("case-not-found");
		assertThat(header(dead.headers(), IntakeProcessor.STATUS_HEADER)).isEqualTo("404");
		assertThat(header(dead.headers(), IntakeProcessor.DETAIL_HEADER)).contains("does not exist");
		assertThat(header(dead.headers(), "original-topic")).isEqualTo("case-intake");
		assertThat(this.caseEvents.readValuesToList()).extracting(CaseEvent::getType)
			.containsExactly(CaseEventType.CASE_OPENED);
	}

	@Test
	void undecodableRecordsAreDeadLetteredWithTheirOriginalBytes() {
		byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
		byte[] guidFramed = HexFormat.of().parseHex("0100000000000000000000000000000001020304");
		byte[] unknownSchemaId = HexFormat.of().parseHex("00000003E70102");

		for (byte[] bad : List.of(garbage, guidFramed, unknownSchemaId)) {
			this.intake.pipeInput("C-PR-0001".getBytes(StandardCharsets.UTF_8), bad);
		}
		send(anIntake(CaseEventType.CASE_OPENED));

		List<TestRecord<byte[], byte[]>> dead = this.rejected.readRecordsToList();
		assertThat(dead).extracting(TestRecord::value).containsExactly(garbage, guidFramed, unknownSchemaId);
		assertThat(dead).allSatisfy((record) -> assertThat(header(record.headers(), IntakeProcessor.REASON_HEADER))
			.isEqualTo("undecodable"));
		assertThat(header(dead.get(0).headers(), IntakeProcessor.DETAIL_HEADER)).contains("unknown magic byte 0x7B");
		assertThat(header(dead.get(1).headers(), IntakeProcessor.DETAIL_HEADER)).contains("magic byte 0x01");
		assertThat(header(dead.get(2).headers(), IntakeProcessor.DETAIL_HEADER)).contains("schema id 999");
		assertThat(this.caseEvents.readValuesToList()).hasSize(1);
	}

	@Test
	void recordTheRegistryCannotResolveNowIsNeitherDeadLetteredNorPassedOver() throws IOException {
		byte[] value = this.intakeSerializer.serialize(Topics.CASE_INTAKE.name(), anIntake(CaseEventType.CASE_OPENED));
		Map<String, Object> registryDown = Map.of("schema.registry.url", "http://127.0.0.1:" + freePort(),
				"schema.registry.request.timeout.ms", "500", "schema.registry.connect.timeout.ms", "500");
		Properties props = new Properties();
		props.put(StreamsConfig.APPLICATION_ID_CONFIG, "case-service-registry-down");
		props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		try (TopologyTestDriver waiting = new TopologyTestDriver(IntakeTopology.build(registryDown,
				Clock.fixed(CaseFixtures.NOW, ZoneOffset.UTC), IntakeListener.NONE, this.instancesKey), props)) {
			TestInputTopic<byte[], byte[]> intake = waiting.createInputTopic(Topics.CASE_INTAKE.name(),
					new ByteArraySerializer(), new ByteArraySerializer());

			// The failure aborts the transaction: the runtime replaces the thread after a
			// pause and the record, never committed, is decided again.
			assertThatThrownBy(() -> intake.pipeInput("C-PR-0001".getBytes(StandardCharsets.UTF_8), value))
				.satisfies((ex) -> assertThat(RegistryUnavailableException.isCauseOf(ex)).isTrue());
			assertThat(waiting
				.createOutputTopic(Topics.CASE_INTAKE_REJECTED.name(), new ByteArrayDeserializer(),
						new ByteArrayDeserializer())
				.isEmpty()).isTrue();
			assertThat(waiting
				.createOutputTopic(Topics.CASE_EVENTS.name(), new StringDeserializer(), new ByteArrayDeserializer())
				.isEmpty()).isTrue();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test
	void recordOfAnotherTopicsSchemaIsRejectedNamingBothSchemas() {
		WantedFlagEvent flag = WantedFlagEvent.newBuilder()
			.setCaseId("C-PR-0001")
			.setType(WantedFlagEventType.WANTED_FLAG_RAISED)
			.setWantedSince(CaseFixtures.NOW)
			.setReason(HearingType.REPORTING)
			.setCriminality(Criminality.SERIOUS)
			.setNationality("UNKNOWN")
			.setRegion(Region.PACIFIC)
			.setCaseSequence(2)
			.build();
		byte[] foreign = Topics.WANTED_FLAGS.valueSerde(this.serdeConfig)
			.serializer()
			.serialize(Topics.WANTED_FLAGS.name(), flag);

		this.intake.pipeInput("C-PR-0001".getBytes(StandardCharsets.UTF_8), foreign);

		assertThat(this.rejected.readRecordsToList()).singleElement().satisfies((letter) -> {
			String detail = new String(letter.headers().lastHeader(IntakeProcessor.DETAIL_HEADER).value(),
					StandardCharsets.UTF_8);
			assertThat(detail).contains("case-intake").contains("WantedFlagEvent").contains("IntakeEvent");
			assertThat(detail)
				.contains("topic 'case-intake': expected record io.removaltracker.events.intake.IntakeEvent,"
						+ " found io.removaltracker.events.wanted.WantedFlagEvent (schema id ");
		});
		assertThat(this.caseEvents.isEmpty()).isTrue();
	}

	@Test
	void invalidContentAndAWrongKeyAreRejected() {
		IntakeEvent noUuid = anIntake(CaseEventType.CASE_OPENED);
		noUuid.setEventId("42");
		send(noUuid);
		this.intake.pipeInput("OTHER-CASE".getBytes(StandardCharsets.UTF_8),
				this.intakeSerializer.serialize("case-intake", anIntake(CaseEventType.CASE_OPENED)));

		List<TestRecord<byte[], byte[]>> dead = this.rejected.readRecordsToList();
		assertThat(dead).extracting((record) -> header(record.headers(), IntakeProcessor.REASON_HEADER))
			.containsExactly("invalid-event", "invalid-event");
		assertThat(header(dead.get(0).headers(), IntakeProcessor.DETAIL_HEADER)).contains("eventId");
		assertThat(header(dead.get(1).headers(), IntakeProcessor.DETAIL_HEADER)).contains("record key");
		assertThat(this.caseEvents.isEmpty()).isTrue();
	}

	@Test
	void enforcementEventsBreakingARuleAreRejectedWithTheirReason() {
		send(anIntake(CaseEventType.CASE_OPENED));
		IntakeEvent badTeam = anIntake(CaseEventType.ASSIGNED_TO_TEAM);
		badTeam.setPayload(new AssignedToTeam("pr wpg 1"));
		IntakeEvent unknown = anIntake(CaseEventType.NATIONALITY_ESTABLISHED);
		unknown.setPayload(new NationalityEstablished("UNKNOWN"));
		send(badTeam);
		send(unknown);
		send(anIntake(CaseEventType.ASSIGNED_TO_TEAM));
		send(anIntake(CaseEventType.ASSIGNED_TO_TEAM));
		send(anIntake(CaseEventType.REVIEW_COMPLETED));

		List<TestRecord<byte[], byte[]>> dead = this.rejected.readRecordsToList();
		assertThat(dead).extracting((record) -> header(record.headers(), IntakeProcessor.REASON_HEADER))
			.containsExactly("invalid-event", "invalid-event", "transition-not-allowed");
		assertThat(dead).extracting((record) -> header(record.headers(), IntakeProcessor.STATUS_HEADER))
			.containsExactly("400", "400", "409");
		assertThat(header(dead.get(0).headers(), IntakeProcessor.DETAIL_HEADER)).startsWith("team: must be 1-32");
		assertThat(header(dead.get(1).headers(), IntakeProcessor.DETAIL_HEADER)).contains("not UNKNOWN");
		assertThat(header(dead.get(2).headers(), IntakeProcessor.DETAIL_HEADER))
			.contains("already assigned to " + CaseFixtures.TEAM);
		List<CaseEvent> events = this.caseEvents.readValuesToList();
		assertThat(events).extracting(CaseEvent::getType)
			.containsExactly(CaseEventType.CASE_OPENED, CaseEventType.ASSIGNED_TO_TEAM, CaseEventType.REVIEW_COMPLETED);
		assertThat(events.get(2).getCase$().getTeam()).isEqualTo(CaseFixtures.TEAM);
	}

	@Test
	void duplicateEventIdIsNotAppliedTwice() {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		send(opened);
		send(opened);

		assertThat(this.caseEvents.readValuesToList()).hasSize(1);
		assertThat(this.rejected.isEmpty()).isTrue();
	}

	@Test
	void eventIdReusedWithOtherContentIsAConflict() {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		send(opened);
		IntakeEvent altered = IntakeEvent.newBuilder(opened).build();
		((CaseOpened) altered.getPayload()).setNationality("JAM");
		send(altered);

		assertThat(this.caseEvents.readValuesToList()).hasSize(1);
		assertThat(header(this.rejected.readRecord().headers(), IntakeProcessor.REASON_HEADER))
			.isEqualTo("event-id-conflict");
	}

	@Test
	void httpRequestsGetAVerdictInsteadOfADeadLetter() {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		sendOverHttp("r1", opened);
		sendOverHttp("r2", opened);
		sendOverHttp("r3", anIntake(CaseEventType.RELEASED_FROM_PRISON));

		Map<String, IntakeOutcome> verdicts = this.outcomes.readKeyValuesToMap();
		assertThat(verdicts.get("r1").getVerdict()).isEqualTo(Verdict.ACCEPTED);
		assertThat(verdicts.get("r1").getEvent().getSequence()).isEqualTo(1);
		assertThat(verdicts.get("r2").getVerdict()).isEqualTo(Verdict.DUPLICATE);
		assertThat(verdicts.get("r2").getEvent()).isEqualTo(verdicts.get("r1").getEvent());
		assertThat(verdicts.get("r3").getVerdict()).isEqualTo(Verdict.REFUSED);
		assertThat(verdicts.get("r3").getRefusal().getStatus()).isEqualTo(409);
		assertThat(verdicts.get("r3").getRefusal().getRule()).isEqualTo("transition-not-allowed");
		assertThat(this.rejected.isEmpty()).isTrue();
		assertThat(this.caseEvents.readValuesToList()).hasSize(1);
	}

	@Test
	void kafkaEventsAreReportedByKafkaAndTheirSource() {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		IntakeEvent arrested = anIntake(CaseEventType.ARRESTED);
		arrested.setSource(null);

		send(opened);
		send(arrested);

		assertThat(this.caseEvents.readValuesToList()).extracting(CaseEvent::getReportedBy)
			.containsExactly("kafka:officer-tool", "kafka:unknown");
		assertThat(this.unverifiedPrincipals).hasValue(0);
	}

	@Test
	void httpEventsAreReportedByTheCallerAnInstanceVouchedFor() {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		Headers headers = new RecordHeaders().add(IntakeChannel.REQUEST_ID_HEADER,
				"r1".getBytes(StandardCharsets.UTF_8));
		new IntakeReporter(this.instancesKey).vouch(headers, opened, "intake-portal");

		this.intake.pipeInput(new TestRecord<>(opened.getCaseId().getBytes(StandardCharsets.UTF_8),
				this.intakeSerializer.serialize(Topics.CASE_INTAKE.name(), opened), headers));

		assertThat(this.caseEvents.readValue().getReportedBy()).isEqualTo("intake-portal");
		assertThat(this.outcomes.readValue().getEvent().getReportedBy()).isEqualTo("intake-portal");
		assertThat(this.unverifiedPrincipals).hasValue(0);
	}

	@Test
	void aKafkaWriterCannotClaimToBeAnHttpCaller() {
		IntakeEvent opened = anIntake(CaseEventType.CASE_OPENED);
		IntakeEvent arrested = anIntake(CaseEventType.ARRESTED);
		IntakeEvent released = anIntake(CaseEventType.RELEASED_ON_CONDITIONS);
		IntakeEvent imprisoned = anIntake(CaseEventType.IMPRISONED);
		Headers unsigned = new RecordHeaders().add(IntakeReporter.PRINCIPAL_HEADER,
				"officer-console".getBytes(StandardCharsets.UTF_8));
		Headers signedWithAnotherKey = new RecordHeaders();
		new IntakeReporter(SigningKey.random()).vouch(signedWithAnotherKey, arrested, "officer-console");
		Headers signatureOfAnotherEvent = new RecordHeaders();
		new IntakeReporter(this.instancesKey).vouch(signatureOfAnotherEvent, opened, "officer-console");
		Headers signatureOfAnotherCaller = new RecordHeaders();
		new IntakeReporter(this.instancesKey).vouch(signatureOfAnotherCaller, imprisoned, "intake-portal");
		signatureOfAnotherCaller.remove(IntakeReporter.PRINCIPAL_HEADER)
			.add(IntakeReporter.PRINCIPAL_HEADER, "officer-console".getBytes(StandardCharsets.UTF_8));

		sendWithHeaders(opened, unsigned);
		sendWithHeaders(arrested, signedWithAnotherKey);
		sendWithHeaders(released, signatureOfAnotherEvent);
		sendWithHeaders(imprisoned, signatureOfAnotherCaller);

		assertThat(this.caseEvents.readValuesToList()).extracting(CaseEvent::getReportedBy)
			.containsExactly("kafka:officer-tool", "kafka:officer-tool", "kafka:officer-tool", "kafka:officer-tool");
		assertThat(this.unverifiedPrincipals).hasValue(4);
	}

	@Test
	void missedHearingScheduledEarlierIsCompletedFromTheHistory() {
		send(anIntake(CaseEventType.CASE_OPENED));
		send(anIntake(CaseEventType.HEARING_SCHEDULED));
		IntakeEvent missed = anIntake(CaseEventType.HEARING_MISSED);
		missed.setPayload(new HearingMissed("H-7", null, null));
		send(missed);

		CaseEvent recorded = this.caseEvents.readValuesToList().get(2);
		assertThat(recorded.getPayload()).isEqualTo(new io.removaltracker.events.cases.HearingMissed("H-7",
				HearingType.REMOVAL_INTERVIEW, CaseFixtures.NOW.plusSeconds(86_400)));
	}

	@Test
	void historyStoreAnswersQueries() {
		send(anIntake(CaseEventType.CASE_OPENED));
		send(anIntake(CaseEventType.ARRESTED));
		CaseHistoryStore history = new CaseHistoryStore(this.driver.getKeyValueStore(CaseHistoryStore.NAME));

		assertThat(history.last("C-PR-0001"))
			.hasValueSatisfying((last) -> assertThat(last.getCase$().getCustody()).isEqualTo(Custody.DETAINED));
		assertThat(history.events("C-PR-0001")).extracting(CaseEvent::getSequence).containsExactly(1L, 2L);
		assertThat(history.last("C-PR-000")).isEmpty();
		assertThat(history.events("C-PR-00011")).isEmpty();
	}

	private void send(IntakeEvent event) {
		this.intake.pipeInput(event.getCaseId().getBytes(StandardCharsets.UTF_8),
				this.intakeSerializer.serialize(Topics.CASE_INTAKE.name(), event));
	}

	private void sendWithHeaders(IntakeEvent event, Headers headers) {
		this.intake.pipeInput(new TestRecord<>(event.getCaseId().getBytes(StandardCharsets.UTF_8),
				this.intakeSerializer.serialize(Topics.CASE_INTAKE.name(), event), headers));
	}

	private void sendOverHttp(String requestId, IntakeEvent event) {
		Headers headers = new RecordHeaders().add(IntakeChannel.REQUEST_ID_HEADER,
				requestId.getBytes(StandardCharsets.UTF_8));
		this.intake.pipeInput(new TestRecord<>(event.getCaseId().getBytes(StandardCharsets.UTF_8),
				this.intakeSerializer.serialize(Topics.CASE_INTAKE.name(), event), headers));
	}

	private static String header(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
