package io.removaltracker.monitoring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.removaltracker.events.Topics;
import io.removaltracker.events.common.CaseEventType;
import io.removaltracker.events.common.Custody;
import io.removaltracker.events.wanted.WantedFlagEvent;
import io.removaltracker.events.wanted.WantedFlagEventType;
import io.removaltracker.monitoring.rules.CaseEvents;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.PrivateKafka;
import io.removaltracker.testing.TestIssuer;
import io.removaltracker.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several monitoring-service instances on one broker of their own: each answers the whole
 * wanted list although the cases are decided on partitions spread over both, and an
 * instance that lost its state directory rebuilds from Kafka and goes on.
 */
class MonitoringClusterTest {

	private static final String REGISTRY = "mock://monitoring-cluster-test";

	@RegisterExtension
	static final PrivateKafka kafka = new PrivateKafka();

	@TempDir
	Path stateRoot;

	@Test
	void eitherOfTwoInstancesAnswersTheWholeWantedList() {
		Set<String> noShows = IntStream.range(0, 40).mapToObj((i) -> "TWO-" + i).collect(Collectors.toSet());
		try (ConfigurableApplicationContext a = start("a");
				ConfigurableApplicationContext b = start("b");
				CaseEventPublisher publisher = new CaseEventPublisher(kafka.bootstrapServers(), REGISTRY)) {
			awaitReady(a);
			awaitReady(b);
			noShows.forEach((caseId) -> publisher.publish(CaseEventPublisher.aNoShow(caseId)));

			for (ConfigurableApplicationContext instance : List.of(a, b)) {
				await().atMost(Duration.ofSeconds(60)).until(() -> wantedIds(instance).containsAll(noShows));
			}
			assertThat(get(a, "/api/v1/wanted?size=1000")).isEqualTo(get(b, "/api/v1/wanted?size=1000"));
		}
	}

	@Test
	void anInstanceThatLostItsStateRebuildsFromKafkaAndGoesOn() {
		Set<String> noShows = IntStream.range(0, 10).mapToObj((i) -> "LOST-" + i).collect(Collectors.toSet());
		String before;
		try (CaseEventPublisher publisher = new CaseEventPublisher(kafka.bootstrapServers(), REGISTRY)) {
			try (ConfigurableApplicationContext first = start("first")) {
				awaitReady(first);
				noShows.forEach((caseId) -> publisher.publish(CaseEventPublisher.aNoShow(caseId)));
				await().atMost(Duration.ofSeconds(60)).until(() -> wantedIds(first).containsAll(noShows));
				before = get(first, "/api/v1/wanted?size=1000").toString();
			}

			try (ConfigurableApplicationContext fresh = start("fresh-empty-state")) {
				awaitReady(fresh);
				await().atMost(Duration.ofSeconds(60))
					.until(() -> get(fresh, "/api/v1/wanted?size=1000").toString().equals(before));
				publisher
					.publish(List.of(CaseEvents.anEvent("LOST-0", CaseEventType.CASE_CLOSED, 3, Custody.IN_COMMUNITY)));
				await().atMost(Duration.ofSeconds(60)).until(() -> !wantedIds(fresh).contains("LOST-0"));
			}
		}

		List<ConsumerRecord<String, WantedFlagEvent>> flags = TopicReader.readUntil(kafka.bootstrapServers(),
				Topics.WANTED_FLAGS.name(), new StringDeserializer(),
				Topics.WANTED_FLAGS.valueSerde(Map.of("schema.registry.url", REGISTRY)).deserializer(),
				(record) -> "LOST-0".equals(record.key()), 2);
		assertThat(flags).extracting((record) -> record.value().getType())
			.containsExactly(WantedFlagEventType.WANTED_FLAG_RAISED, WantedFlagEventType.WANTED_FLAG_CLEARED);
	}

	private ConfigurableApplicationContext start(String name) {
		return new SpringApplicationBuilder(MonitoringServiceApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--spring.kafka.properties.schema.registry.url=" + REGISTRY,
				"--spring.kafka.streams.state-dir=" + this.stateRoot.resolve(name), TestIssuer.serviceArgument());
	}

	private static void awaitReady(ConfigurableApplicationContext instance) {
		await().atMost(Duration.ofSeconds(90))
			.until(() -> get(instance, "/actuator/health/readiness").path("status").asText(), "UP"::equals);
	}

	private static Set<String> wantedIds(ConfigurableApplicationContext instance) {
		return Set.copyOf(get(instance, "/api/v1/wanted?size=1000").get("items").findValuesAsText("caseId"));
	}

	private static JsonNode get(ConfigurableApplicationContext instance, String path) {
		return HttpJson.of(instance).get(path).body();
	}

}
