package io.removaltracker.events;

import java.util.List;
import java.util.Map;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.stats.StatsSnapshot;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

	@Test
	void topicNamesAreTheContracts() {
		assertThat(Topics.all()).extracting(Topic::name)
			.containsExactly("case-intake", "case-intake-rejected", "case-intake-outcomes", "case-events",
					"wanted-flags", "case-stats", "access-audit");
	}

	@Test
	void topicsKeyedByCaseAreCoPartitioned() {
		List<Topic<?>> byCase = List.of(Topics.CASE_INTAKE, Topics.CASE_INTAKE_REJECTED, Topics.CASE_EVENTS,
				Topics.WANTED_FLAGS, Topics.ACCESS_AUDIT);

		assertThat(byCase).extracting(Topic::partitions).containsOnly(Topics.CASE_PARTITIONS);
	}

	@Test
	void historyTopicsAreKeptForeverAndStatsAreCompacted() {
		assertThat(Topics.CASE_EVENTS.settings()).containsEntry("retention.ms", "-1");
		assertThat(Topics.WANTED_FLAGS.settings()).containsEntry("retention.ms", "-1");
		assertThat(Topics.ACCESS_AUDIT.settings()).containsEntry("retention.ms", "-1");
		assertThat(Topics.CASE_STATS.settings()).containsEntry("cleanup.policy", "compact");
	}

	@Test
	void newTopicCarriesPartitionsAndSettings() {
		NewTopic topic = Topics.CASE_STATS.newTopic();

		assertThat(topic.name()).isEqualTo("case-stats");
		assertThat(topic.numPartitions()).isEqualTo(1);
		assertThat(topic.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
	}

	@Test
	void avroTopicsExposeTheirSchemaAndSubject() {
		assertThat(Topics.CASE_EVENTS.valueSchema()).contains(CaseEvent.getClassSchema());
		assertThat(Topics.CASE_EVENTS.valueSubject()).isEqualTo("case-events-value");
		assertThat(Topics.CASE_STATS.valueSchema()).contains(StatsSnapshot.getClassSchema());
		assertThat(Topics.CASE_INTAKE_REJECTED.valueSchema()).isEmpty();
		assertThat(Topics.ACCESS_AUDIT.valueSubject()).isEqualTo("access-audit-value");
	}

	@Test
	void accessAuditSaysWhoReadWhichCaseWhenButNeverWhom() {
		assertThat(Topics.ACCESS_AUDIT.valueSchema().orElseThrow().getFields()).extracting(Schema.Field::name)
			.contains("principal", "action", "caseId", "at")
			.doesNotContain("personId");
		assertThat(Topics.ACCESS_AUDIT.valueSchema().orElseThrow().toString()).doesNotContain("personId");
	}

	@Test
	void eachCallMakesANewSerde() {
		Map<String, Object> config = Map.of("schema.registry.url", "mock://topics-test");

		assertThat(Topics.CASE_EVENTS.valueSerde(config)).isNotSameAs(Topics.CASE_EVENTS.valueSerde(config));
	}

}
