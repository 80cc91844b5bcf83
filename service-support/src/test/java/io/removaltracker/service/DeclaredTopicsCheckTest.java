package io.removaltracker.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeclaredTopicsCheckTest {

	private static final NewTopic HISTORY = new NewTopic("case-events", Optional.of(6), Optional.empty())
		.configs(Map.of("retention.ms", "-1"));

	@Test
	void topicAsDeclaredHasNoDifference() {
		assertThat(DeclaredTopicsCheck.differences(HISTORY, existing("case-events", 6), settings("retention.ms", "-1")))
			.isEmpty();
	}

	@Test
	void anotherPartitionCountIsNamed() {
		assertThat(DeclaredTopicsCheck.differences(HISTORY, existing("case-events", 3), settings("retention.ms", "-1")))
			.containsExactly("case-events has 3 partitions, declared 6");
	}

	@Test
	void aHistoryTopicThatDeletesIsNamed() {
		assertThat(DeclaredTopicsCheck.differences(HISTORY, existing("case-events", 6),
				settings("retention.ms", "604800000")))
			.containsExactly("case-events has retention.ms=604800000, declared -1");
	}

	private static TopicDescription existing(String name, int partitions) {
		Node broker = new Node(1, "127.0.0.1", 9092);
		return new TopicDescription(name, false,
				IntStream.range(0, partitions)
					.mapToObj((p) -> new TopicPartitionInfo(p, broker, List.of(broker), List.of(broker)))
					.toList());
	}

	private static Config settings(String name, String value) {
		return new Config(List.of(new ConfigEntry(name, value)));
	}

}
