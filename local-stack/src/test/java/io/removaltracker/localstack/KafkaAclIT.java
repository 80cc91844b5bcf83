package io.removaltracker.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.cases.HearingMissed;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.common.HearingType;
import io.removaltracker.events.common.OrderType;
import io.removaltracker.events.common.Region;
import io.removaltracker.simulator.KafkaCredentials;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ACL battery (docs/contract.md, Access) against the broker of a real local stack:
 * every principal against every topic for produce, consume and describe; groups and
 * transactional ids kept to their owners; connections without credentials, with a wrong
 * password or with another mechanism refused; upstream unable to create topics, change
 * ACLs or credentials; and the forged {@code case-events} record with sequence 2^63-1
 * refused at the broker.
 * <p>
 * Allowed writes are real writes of a record no service can decode (each service sends it
 * to its dead-letter topic or {@code case-intake-rejected}), except on the registry's
 * {@code _schemas}, where a foreign record would spoil the registry's next start: there
 * the broker is asked what the registry may do.
 */
class KafkaAclIT {

	private static final Path JAR = Path.of("target", "local-stack.jar");

	private static final String SCHEMAS = KafkaAcls.SCHEMAS_TOPIC;

	private static final List<String> TOPICS = List.of(Topics.CASE_INTAKE.name(), Topics.CASE_INTAKE_REJECTED.name(),
			Topics.CASE_INTAKE_OUTCOMES.name(), Topics.CASE_EVENTS.name(), Topics.WANTED_FLAGS.name(),
			Topics.CASE_STATS.name(), Topics.ACCESS_AUDIT.name(), SCHEMAS);

	/** What each principal may write: one writer per topic. */
	private static final Map<String, Set<String>> WRITES = new LinkedHashMap<>();

	/** What each principal may read. */
	private static final Map<String, Set<String>> READS = new LinkedHashMap<>();

	static {
		WRITES.put("upstream", Set.of("case-intake"));
		READS.put("upstream", Set.of());
		WRITES.put("auditor", Set.of());
		READS.put("auditor", Set.of("access-audit"));
		// case-service also takes intake in over HTTP and answers its callers through
		// case-intake-outcomes.
		WRITES.put("case-service",
				Set.of("case-intake", "case-intake-rejected", "case-intake-outcomes", "case-events", "access-audit"));
		READS.put("case-service", Set.of("case-intake", "case-intake-outcomes"));
		WRITES.put("monitoring-service", Set.of("wanted-flags"));
		READS.put("monitoring-service", Set.of("case-events", "wanted-flags"));
		WRITES.put("reporting-service", Set.of("case-stats"));
		READS.put("reporting-service", Set.of("case-events", "wanted-flags"));
		WRITES.put("schema-registry", Set.of(SCHEMAS));
		READS.put("schema-registry", Set.of(SCHEMAS));
	}

	private static final AtomicInteger checks = new AtomicInteger();

	private static StackProcess stack;

	@BeforeAll
	static void startTheStack() throws InterruptedException {
		Path dataDir = StackProcess.freshDataDir(Path.of("target", "acl-data").toAbsolutePath());
		stack = StackProcess.start(JAR, dataDir, StackProcess.freePorts(), Map.of()).awaitReady();
	}

	@AfterAll
	static void stopTheStack() throws InterruptedException {
		System.out.println("ACL battery: " + checks.get() + " checks");
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void eachPrincipalWritesOnlyTheTopicsItOwns() {
		SoftAssertions soft = new SoftAssertions();
		WRITES.forEach((principal, allowed) -> {
			for (String topic : TOPICS) {
				checks.incrementAndGet();
				String what = principal + " writes " + topic;
				if (topic.equals(SCHEMAS) && allowed.contains(topic)) {
					soft.assertThat(authorizedOperations(principal, topic)).as(what).contains(AclOperation.WRITE);
				}
				else if (allowed.contains(topic)) {
					soft.assertThat(produce(principal, topic)).as(what).isNull();
				}
				else {
					soft.assertThat(produce(principal, topic)).as(what).isInstanceOf(AuthorizationException.class);
				}
			}
		});
		soft.assertAll();
	}

	@Test
	void eachPrincipalReadsOnlyTheTopicsItNeeds() {
		SoftAssertions soft = new SoftAssertions();
		READS.forEach((principal, allowed) -> {
			for (String topic : TOPICS) {
				checks.incrementAndGet();
				Throwable refusal = consume(principal, null, topic);
				if (allowed.contains(topic)) {
					soft.assertThat(refusal).as(principal + " reads " + topic).isNull();
				}
				else {
					soft.assertThat(refusal)
						.as(principal + " reads " + topic)
						.isInstanceOf(TopicAuthorizationException.class);
				}
			}
		});
		soft.assertAll();
	}

	@Test
	void eachPrincipalSeesOnlyTheTopicsItWritesOrReads() {
		SoftAssertions soft = new SoftAssertions();
		WRITES.forEach((principal, writes) -> {
			for (String topic : TOPICS) {
				checks.incrementAndGet();
				boolean allowed = writes.contains(topic) || READS.get(principal).contains(topic);
				Throwable refusal = describe(principal, topic);
				if (allowed) {
					soft.assertThat(refusal).as(principal + " describes " + topic).isNull();
				}
				else {
					soft.assertThat(refusal)
						.as(principal + " describes " + topic)
						.isInstanceOf(TopicAuthorizationException.class);
				}
			}
		});
		soft.assertAll();
	}

	@Test
	void consumerGroupsBelongToTheirOwners() {
		checks.addAndGet(6);
		assertThat(consume("auditor", "auditor-reports", Topics.ACCESS_AUDIT.name())).isNull();
		assertThat(consume("auditor", "reports", Topics.ACCESS_AUDIT.name()))
			.isInstanceOf(AuthorizationException.class);
		assertThat(consume("auditor", "monitoring-service", Topics.ACCESS_AUDIT.name()))
			.isInstanceOf(AuthorizationException.class);
		assertThat(consume("monitoring-service", "monitoring-service-acl-battery", Topics.CASE_EVENTS.name())).isNull();
		assertThat(consume("reporting-service", "monitoring-service", Topics.CASE_EVENTS.name()))
			.as("another service's group")
			.isInstanceOf(AuthorizationException.class);
		assertThat(consume("upstream", "upstream-mine", Topics.CASE_INTAKE.name()))
			.isInstanceOf(AuthorizationException.class);
	}

	@Test
	void upstreamWritesWithTransactionsUnderItsOwnIdsOnly() throws Exception {
		checks.addAndGet(3);
		String upstream = client("upstream").get("sasl.jaas.config")
			.toString()
			.replaceAll(".*username=\"([^\"]*)\".*", "$1");
		try (KafkaProducer<byte[], byte[]> producer = transactional("upstream", upstream + "-acl-battery")) {
			producer.initTransactions();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), bytes("acl-battery"), bytes("not avro")));
			producer.commitTransaction();
		}
		try (KafkaProducer<byte[], byte[]> producer = transactional("upstream", "case-service-acl-battery")) {
			assertThatThrownBy(producer::initTransactions).isInstanceOf(AuthorizationException.class);
		}
		try (KafkaProducer<byte[], byte[]> producer = transactional("monitoring-service", "case-service-x")) {
			assertThatThrownBy(producer::initTransactions).as("another service's transactional id")
				.isInstanceOf(AuthorizationException.class);
		}
	}

	@Test
	void upstreamCreatesNoTopicAndChangesNoAclOrCredential() {
		checks.addAndGet(4);
		try (Admin admin = Admin.create(client("upstream"))) {
			assertThat(cause(() -> admin.createTopics(List.of(new NewTopic("upstream-own", 1, (short) 1))).all().get()))
				.isInstanceOf(AuthorizationException.class);
			assertThat(cause(() -> admin.deleteTopics(List.of(Topics.CASE_INTAKE.name())).all().get()))
				.isInstanceOf(AuthorizationException.class);
			AclBinding writeEverything = new AclBinding(
					new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
					new AccessControlEntry("User:upstream", "*", AclOperation.WRITE, AclPermissionType.ALLOW));
			assertThat(cause(() -> admin.createAcls(List.of(writeEverything)).all().get()))
				.isInstanceOf(AuthorizationException.class);
			assertThat(
					cause(() -> admin
						.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("admin",
								new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "taken-over")))
						.all()
						.get()))
				.isInstanceOf(AuthorizationException.class);
		}
	}

	@Test
	void theForgedLastSequenceOfACaseIsRefusedAtTheBroker() throws Exception {
		checks.incrementAndGet();
		Instant at = Instant.parse("2024-06-01T10:00:00Z");
		CaseEvent forged = CaseEvent.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setCaseId("C-FORGED")
			.setSequence(Long.MAX_VALUE)
			.setType(CaseEventType.HEARING_MISSED)
			.setOccurredAt(at)
			.setRecordedAt(at)
			.setSource("forger")
			.setPayload(new HearingMissed("H-1", HearingType.REPORTING, at))
			.setCase$(CaseState.newBuilder()
				.setPersonId("P-FORGED")
				.setNationality("UNKNOWN")
				.setCriminality(Criminality.NONE)
				.setOrderType(OrderType.DEPARTURE)
				.setRegion(Region.ATLANTIC)
				.setCustody(Custody.IN_COMMUNITY)
				.setConditions(List.of())
				.setStayed(false)
				.setOpen(true)
				.setOpenedAt(at)
				.build())
			.build();
		Map<String, Object> config = producerConfig("upstream");
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			assertThatThrownBy(() -> producer
				.send(new ProducerRecord<>(Topics.CASE_EVENTS.name(), bytes("C-FORGED"), frame(forged)))
				.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void connectionsWithoutTheRightCredentialsAreRefused() {
		Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", stack.bootstrapServers()));
		Map<String, Object> wrongPassword = new HashMap<>(client("upstream"));
		wrongPassword.put("sasl.jaas.config", KafkaCredentials.jaasConfig("SCRAM-SHA-512", "upstream", "guessed"));
		Map<String, Object> unknownUser = new HashMap<>(client("upstream"));
		unknownUser.put("sasl.jaas.config", KafkaCredentials.jaasConfig("SCRAM-SHA-512", "nobody", "guessed"));
		// PLAIN is there for the brokers' own principal only.
		Map<String, Object> plain = new HashMap<>(client("admin"));
		plain.put("sasl.mechanism", "PLAIN");
		plain.put("sasl.jaas.config", KafkaCredentials.jaasConfig("PLAIN", "admin", adminPassword()));
		for (Map<String, Object> refused : List.of(wrongPassword, unknownUser, plain)) {
			checks.addAndGet(3);
			assertThat(produceWith(refused, Topics.CASE_INTAKE.name())).isInstanceOf(SaslAuthenticationException.class);
			assertThat(consumeWith(refused, null, Topics.ACCESS_AUDIT.name()))
				.isInstanceOf(SaslAuthenticationException.class);
			assertThat(describeWith(refused, Topics.CASE_EVENTS.name()))
				.isInstanceOf(SaslAuthenticationException.class);
		}
		// Without SASL the broker never answers: the client gives up waiting.
		checks.addAndGet(3);
		assertThat(produceWith(anonymous, Topics.CASE_INTAKE.name())).isNotNull();
		assertThat(consumeWith(anonymous, null, Topics.ACCESS_AUDIT.name())).isNotNull();
		assertThat(describeWith(anonymous, Topics.CASE_EVENTS.name())).isNotNull();
	}

	private static String adminPassword() {
		return client("admin").get("sasl.jaas.config").toString().replaceAll(".*password=\"([^\"]*)\".*", "$1");
	}

	private static Map<String, Object> client(String principal) {
		Map<String, Object> config = new HashMap<>(stack.kafkaClientProperties(principal));
		config.put("request.timeout.ms", 10_000);
		config.put("default.api.timeout.ms", 15_000);
		return config;
	}

	private static Map<String, Object> producerConfig(String principal) {
		return producerConfigOf(client(principal));
	}

	private static Map<String, Object> producerConfigOf(Map<String, Object> client) {
		Map<String, Object> config = new HashMap<>(client);
		config.remove("default.api.timeout.ms");
		// Not idempotent: a principal that may write nothing would otherwise be refused
		// its producer id before the topic is even looked at.
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return config;
	}

	private static KafkaProducer<byte[], byte[]> transactional(String principal, String transactionalId) {
		Map<String, Object> config = producerConfig(principal);
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	/** Null when the write was acknowledged, else why it was not. */
	private static Throwable produce(String principal, String topic) {
		return produceWith(client(principal), topic);
	}

	private static Throwable produceWith(Map<String, Object> client, String topic) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfigOf(client),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, bytes("acl-battery"), bytes("not avro")))
				.get(30, TimeUnit.SECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	/** Null when a fetch from the start went through, else why it did not. */
	private static Throwable consume(String principal, String group, String topic) {
		return consumeWith(client(principal), group, topic);
	}

	private static Throwable consumeWith(Map<String, Object> client, String group, String topic) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		if (group != null) {
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			if (group == null) {
				consumer.assign(List.of(partition));
				consumer.seekToBeginning(List.of(partition));
				consumer.position(partition, Duration.ofSeconds(15));
				// Long enough for a fetch and its answer, refused or not.
				for (int i = 0; i < 6; i++) {
					consumer.poll(Duration.ofMillis(500));
				}
			}
			else {
				consumer.subscribe(List.of(topic));
				long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
					consumer.poll(Duration.ofMillis(500));
				}
				if (consumer.assignment().isEmpty()) {
					return new IllegalStateException("no partition assigned within 30 s");
				}
				consumer.commitSync(Duration.ofSeconds(15));
			}
			return null;
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private static Throwable describe(String principal, String topic) {
		return describeWith(client(principal), topic);
	}

	private static Throwable describeWith(Map<String, Object> client, String topic) {
		try (Admin admin = Admin.create(client)) {
			admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private static Set<AclOperation> authorizedOperations(String principal, String topic) {
		try (Admin admin = Admin.create(client(principal))) {
			return admin
				.describeTopics(List.of(topic),
						new org.apache.kafka.clients.admin.DescribeTopicsOptions().includeAuthorizedOperations(true))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(topic)
				.authorizedOperations();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Throwable cause(Attempt attempt) {
		try {
			attempt.run();
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	/** The Confluent frame of the record, under a schema id of its own. */
	private static byte[] frame(CaseEvent event) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0);
		out.write(ByteBuffer.allocate(4).putInt(1).array());
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new SpecificDatumWriter<>(CaseEvent.class).write(event, encoder);
		encoder.flush();
		return out.toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	private interface Attempt {

		void run() throws Exception;

	}

}
