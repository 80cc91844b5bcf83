package io.removaltracker.monitoring.flags;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.removaltracker.testing.TopicReader;
import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Criminality;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import io.removaltracker.monitoring.CaseEventPublisher;
import io.removaltracker.monitoring.rules.CaseEvents;
import io.removaltracker.monitoring.rules.CaseHistory;
import io.removaltracker.testing.SharedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that dies in the middle of a transaction, and a new one that starts with an
 * empty state directory and finishes the work: {@code wanted-flags} still holds exactly
 * one raise, one update per enforcement change and one clear per case, because the dead
 * instance's open transaction is aborted and its stores come back from their changelogs
 * as of the last commit.
 */
class WantedCrashTest {

	private static final String REGISTRY = "mock://wanted-crash-test";

	private static final Instant ENFORCED_FROM = Instant.parse("2021-01-04T09:00:00Z");

	@TempDir
	Path stateRoot;

	private EmbeddedKafkaKraftBroker broker;

	private final List<KafkaStreams> started = new ArrayList<>();

	@AfterEach
	void stop() {
		this.started.forEach((streams) -> streams.close(Duration.ofSeconds(10)));
		if (this.broker != null) {
			this.broker.destroy();
		}
	}

	@Test
	void crashMidStreamThenRebuildFromNothingLeavesOneFlagPerChange() throws Exception {
		this.broker = SharedKafka.privateBroker();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			admin.createTopics(List.of(Topics.CASE_EVENTS.newTopic(), Topics.WANTED_FLAGS.newTopic())).all().get();
		}
		int cases = 300;
		Set<String> caseIds = IntStream.range(0, cases).mapToObj((i) -> "X-" + i).collect(Collectors.toSet());
		// Assigned, reviewed and identified while wanted: three updates each.
		int enforced = 100;
		Set<String> enforcedIds = IntStream.range(0, enforced).mapToObj((i) -> "Y-" + i).collect(Collectors.toSet());
		try (CaseEventPublisher publisher = new CaseEventPublisher(this.broker.getBrokersAsString(), REGISTRY)) {
			for (String caseId : caseIds) {
				List<CaseEvent> history = new ArrayList<>(CaseEventPublisher.aNoShow(caseId));
				history.add(CaseEvents.anEvent(caseId, CaseEventType.ARRESTED, 3, Custody.DETAINED));
				publisher.publish(history);
			}
			for (String caseId : enforcedIds) {
				publisher.publish(CaseHistory.openedInCommunity(caseId, Criminality.NONE, ENFORCED_FROM)
					.missedHearing(ENFORCED_FROM.plus(Duration.ofDays(1)))
					.assignedTo("GTA-EAST-2", ENFORCED_FROM.plus(Duration.ofDays(2)))
					.reviewed(ENFORCED_FROM.plus(Duration.ofDays(300)))
					.attendedHearing(ENFORCED_FROM.plus(Duration.ofDays(301)))
					.nationalityEstablished("HTI", ENFORCED_FROM.plus(Duration.ofDays(400)))
					.arrested(ENFORCED_FROM.plus(Duration.ofDays(500)))
					.events());
			}
		}

		AtomicInteger changes = new AtomicInteger();
		KafkaStreams crashing = start("crashing", new WantedListener() {
			@Override
			public void changed(WantedFlagEvent change) {
				if (changes.incrementAndGet() == cases) {
					throw new IllegalStateException("Simulated crash in the middle of a transaction");
				}
			}
		});
		await().atMost(Duration.ofSeconds(60)).until(() -> crashing.state() == KafkaStreams.State.ERROR);

		start("rebuilt-from-kafka", WantedListener.NONE);

		List<ConsumerRecord<String, WantedFlagEvent>> flags = TopicReader.readUntil(this.broker.getBrokersAsString(),
				Topics.WANTED_FLAGS.name(), new StringDeserializer(),
				Topics.WANTED_FLAGS.valueSerde(Map.of("schema.registry.url", REGISTRY)).deserializer(),
				(record) -> caseIds.contains(record.key()) || enforcedIds.contains(record.key()),
				2 * cases + 5 * enforced);
		Map<String, List<WantedFlagEventType>> byCase = new TreeMap<>();
		Map<String, List<WantedFlagEventType>> byEnforcedCase = new TreeMap<>();
		flags.forEach((record) -> (caseIds.contains(record.key()) ? byCase : byEnforcedCase)
			.computeIfAbsent(record.key(), (k) -> new ArrayList<>())
			.add(record.value().getType()));
		assertThat(byCase).hasSize(cases);
		assertThat(byCase.values()).allSatisfy((changesOfCase) -> assertThat(changesOfCase)
			.containsExactly(WantedFlagEventType.WANTED_FLAG_RAISED, WantedFlagEventType.WANTED_FLAG_CLEARED));
		assertThat(byEnforcedCase).hasSize(enforced);
		assertThat(byEnforcedCase.values()).allSatisfy(
				(changesOfCase) -> assertThat(changesOfCase).containsExactly(WantedFlagEventType.WANTED_FLAG_RAISED,
						WantedFlagEventType.WANTED_FLAG_UPDATED, WantedFlagEventType.WANTED_FLAG_UPDATED,
						WantedFlagEventType.WANTED_FLAG_UPDATED, WantedFlagEventType.WANTED_FLAG_CLEARED));
		assertThat(flags).filteredOn((record) -> enforcedIds.contains(record.key()))
			.extracting((record) -> record.value().getCaseSequence())
			.containsOnly(2L, 3L, 4L, 6L, 7L);
	}

	private KafkaStreams start(String name, WantedListener listener) {
		// The settings the service runs with (ServiceKafka, service-defaults.properties).
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "monitoring-service");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		config.put(StreamsConfig.STATE_DIR_CONFIG, this.stateRoot.resolve(name).toString());
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20);
		config.put(StreamsConfig.POLL_MS_CONFIG, 10);
		// A crashed instance never leaves the group: the others wait for its session to
		// time out, here the broker's minimum rather than the default 45 s.
		config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
		config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
		KafkaStreams streams = new KafkaStreams(WantedTopology.build(Map.of("schema.registry.url", REGISTRY), listener),
				config);
		streams.setUncaughtExceptionHandler((ex) -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
		streams.start();
		this.started.add(streams);
		return streams;
	}

}
