package io.removaltracker.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.removaltracker.serde.AvroDeserializer;
import io.removaltracker.serde.AvroSerializer;
import io.removaltracker.serde.registry.CompatibilityLevel;
import io.removaltracker.serde.registry.HttpSchemaRegistryClient;
import io.removaltracker.testing.SharedKafka;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry keeps its schemas in Kafka: a second start on the same topic answers the
 * same ids and versions, and the serde's HTTP client works against it end to end through
 * a real broker.
 */
class RegistryRestartTest {

	private static final Schema PERSON = new Schema.Parser().parse(
			"{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"test\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}");

	private static final Schema PERSON_WITH_AGE = new Schema.Parser().parse(
			"{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"test\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
					+ "{\"name\":\"age\",\"type\":[\"null\",\"int\"],\"default\":null}]}");

	private static final Schema PLACE = new Schema.Parser().parse(
			"{\"type\":\"record\",\"name\":\"Place\",\"namespace\":\"test\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}");

	private final String storeTopic = SharedKafka.uniqueTopic("_schemas");

	@Test
	void idsVersionsAndSettingsSurviveARestart() {
		int personId;
		int personWithAgeId;
		try (ConfigurableApplicationContext first = start()) {
			HttpSchemaRegistryClient client = client(first);
			personId = client.register("people-value", PERSON);
			personWithAgeId = client.register("people-value", PERSON_WITH_AGE);
			client.setCompatibility("people-value", CompatibilityLevel.FULL);
		}

		try (ConfigurableApplicationContext second = start()) {
			HttpSchemaRegistryClient client = client(second);
			assertThat(client.schemaById(personId)).isEqualTo(PERSON);
			assertThat(client.schemaById(personWithAgeId)).isEqualTo(PERSON_WITH_AGE);
			assertThat(client.versions("people-value")).containsExactly(1, 2);
			assertThat(client.lookup("people-value", PERSON).version()).isEqualTo(1);
			assertThat(client.compatibility("people-value")).isEqualTo(CompatibilityLevel.FULL);
			assertThat(client.register("people-value", PERSON_WITH_AGE)).isEqualTo(personWithAgeId);
			assertThat(client.register("places-value", PLACE)).isGreaterThan(personWithAgeId);
		}
	}

	@Test
	void serdeWritesAndReadsThroughTheRegistryAndARealBroker() throws Exception {
		String topic = SharedKafka.createTopic(SharedKafka.uniqueTopic("people"), 1);
		try (ConfigurableApplicationContext registry = start()) {
			Map<String, Object> serde = Map.of("schema.registry.url", url(registry));
			AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
			serializer.configure(serde, false);
			AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
			deserializer.configure(serde, false);
			GenericRecord ann = new GenericData.Record(PERSON);
			ann.put("name", "Ann");

			try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
					new StringSerializer(), serializer)) {
				producer.send(new ProducerRecord<>(topic, "k1", ann)).get(30, TimeUnit.SECONDS);
			}

			try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
							ConsumerConfig.GROUP_ID_CONFIG, UUID.randomUUID().toString(),
							ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
					new StringDeserializer(), deserializer)) {
				consumer.subscribe(List.of(topic));
				List<GenericRecord> received = new ArrayList<>();
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					consumer.poll(Duration.ofMillis(200)).forEach((record) -> received.add(record.value()));
					assertThat(received).hasSize(1);
				});
				assertThat(received.get(0).get("name")).hasToString("Ann");
			}
			assertThat(client(registry).subjects()).contains(topic + "-value");
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(DevSchemaRegistryApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
				"--registry.topic=" + this.storeTopic);
	}

	private static HttpSchemaRegistryClient client(ConfigurableApplicationContext registry) {
		return new HttpSchemaRegistryClient(url(registry), null, Duration.ofSeconds(2), Duration.ofSeconds(10));
	}

	private static String url(ConfigurableApplicationContext registry) {
		return "http://127.0.0.1:" + registry.getEnvironment().getProperty("local.server.port");
	}

}
