package io.removaltracker.events.documents;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.removaltracker.events.Topic;
import io.removaltracker.events.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/asyncapi.yaml} says what {@link Topics} says: the same topics with the same
 * partitions and retention, string keys, and for each Avro topic the {@code .avsc} file
 * its records are generated from; every operation names a channel and a message that
 * exist, and each contract topic but the intake has one writer.
 */
class AsyncApiDocumentTest {

	private static final Path AVRO_SOURCES = Path.of("event-schemas/src/main/avro/io/removaltracker/events");

	/** Upstream systems write it, and so does case-service for events taken over HTTP. */
	private static final Set<String> TOPICS_WITH_SEVERAL_WRITERS = Set.of(Topics.CASE_INTAKE.name());

	private static Path docs;

	private static Map<String, Object> document;

	@BeforeAll
	static void read() throws IOException {
		docs = Repository.root().resolve("docs");
		try (Reader reader = Files.newBufferedReader(docs.resolve("asyncapi.yaml"))) {
			document = new Yaml().load(reader);
		}
	}

	@Test
	void isAsyncApiThree() {
		assertThat(document).containsEntry("asyncapi", "3.0.0");
	}

	@Test
	void documentsEveryTopicOfTheListAndNoOther() {
		Set<String> addresses = new TreeSet<>();
		for (Map<String, Object> channel : channels().values()) {
			String address = (String) channel.get("address");
			if (!address.contains("{")) {
				addresses.add(address);
			}
		}

		assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());
	}

	@Test
	void onlyTheDeadLetterTopicsHaveAParameter() {
		List<String> parameterized = channels().values()
			.stream()
			.map((channel) -> (String) channel.get("address"))
			.filter((address) -> address.contains("{"))
			.toList();

		assertThat(parameterized).containsExactly("{service}-dead-letters");
	}

	@Test
	void partitionsAndRetentionAreTheDeclaredOnes() {
		for (Topic<?> topic : Topics.all()) {
			Map<String, Object> kafka = map(map(channel(topic).get("bindings")).get("kafka"));
			Map<String, Object> configuration = map(kafka.get("topicConfiguration"));

			assertThat(kafka.get("partitions")).as(topic + " partitions").isEqualTo(topic.partitions());
			assertThat(configuration.get("cleanup.policy")).as(topic + " cleanup.policy")
				.isEqualTo(List.of(topic.settings().get("cleanup.policy").split(",")));
			assertThat(Optional.ofNullable(configuration.get("retention.ms")).map(String::valueOf))
				.as(topic + " retention.ms")
				.isEqualTo(Optional.ofNullable(topic.settings().get("retention.ms")));
		}
	}

	@Test
	void keysAreStringsAsTheTopicListSerializesThem() {
		for (Topic<?> topic : Topics.all()) {
			Map<String, Object> key = map(map(map(message(topic).get("bindings")).get("kafka")).get("key"));

			assertThat(topic.keySerde().serializer()).as(topic + " key serializer")
				.isInstanceOf(StringSerializer.class);
			assertThat(key.get("type")).as(topic + " key type").isEqualTo("string");
		}
		Map<String, Object> statsKey = map(
				map(map(message(Topics.CASE_STATS).get("bindings")).get("kafka")).get("key"));
		assertThat(statsKey.get("enum")).isEqualTo(List.of(Topics.NATIONAL_KEY));
	}

	@Test
	void eachAvroValuePointsAtTheSchemaFileItsRecordIsGeneratedFrom() throws IOException {
		for (Topic<?> topic : Topics.all()) {
			Map<String, Object> payload = map(message(topic).get("payload"));
			Optional<Schema> expected = topic.valueSchema();
			if (expected.isEmpty()) {
				assertThat(payload).as(topic + " carries raw bytes").containsEntry("format", "binary");
				continue;
			}
			assertThat((String) payload.get("schemaFormat")).as(topic + " schemaFormat")
				.startsWith("application/vnd.apache.avro;version=");
			Path file = docs.resolve((String) map(payload.get("schema")).get("$ref")).normalize();
			assertThat(file).as(topic + " value schema file").isRegularFile();

			Schema documented = parse(file);
			assertThat(documented.getFullName()).as(topic + " value record").isEqualTo(expected.get().getFullName());
			// The generated class's schema carries the code generator's properties (Java
			// string types); the parsing form compares names, fields, types and symbols.
			assertThat(SchemaNormalization.toParsingForm(documented)).as(topic + " value schema")
				.isEqualTo(SchemaNormalization.toParsingForm(expected.get()));
		}
	}

	@Test
	void operationsNameChannelsAndMessagesThatExist() {
		Map<String, Map<String, Object>> channels = channels();
		for (Map.Entry<String, Map<String, Object>> operation : operations().entrySet()) {
			Map<String, Object> body = operation.getValue();
			String channelId = reference((String) map(body.get("channel")).get("$ref"), "#/channels/");

			assertThat(body.get("action")).as(operation.getKey()).isIn("send", "receive");
			assertThat(channels).as(operation.getKey() + " channel").containsKey(channelId);
			for (Object message : (List<?>) body.get("messages")) {
				String messageId = reference((String) map(message).get("$ref"),
						"#/channels/" + channelId + "/messages/");
				assertThat(map(channels.get(channelId).get("messages"))).as(operation.getKey() + " message")
					.containsKey(messageId);
			}
		}
	}

	@Test
	void everyTopicHasAWriterAndEachContractTopicButTheIntakeOnlyOne() {
		for (Topic<?> topic : Topics.all()) {
			String channelId = channelId(topic);
			List<String> writers = new ArrayList<>();
			operations().values()
				.stream()
				.filter((operation) -> "send".equals(operation.get("action")))
				.filter((operation) -> channelId
					.equals(reference((String) map(operation.get("channel")).get("$ref"), "#/channels/")))
				.forEach((operation) -> writers.addAll(tags(operation)));

			assertThat(writers).as(topic + " writers").isNotEmpty();
			if (!TOPICS_WITH_SEVERAL_WRITERS.contains(topic.name())) {
				assertThat(Set.copyOf(writers)).as(topic + " writers").hasSize(1);
			}
		}
	}

	@Test
	void kafkaAsksForScramAndTheRegistryForBasicAuthentication() {
		Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
		Map<String, Object> servers = map(document.get("servers"));
		String registry = null;
		for (Map.Entry<String, Object> server : servers.entrySet()) {
			Map<String, Object> body = map(server.getValue());
			List<Map<String, Object>> security = ((List<?>) body.get("security")).stream()
				.map((item) -> map(
						schemes.get(reference((String) map(item).get("$ref"), "#/components/securitySchemes/"))))
				.toList();
			if ("http".equals(body.get("protocol"))) {
				registry = "http://" + body.get("host");
				assertThat(security).as(server.getKey())
					.extracting((scheme) -> scheme.get("type") + " " + scheme.get("scheme"))
					.containsExactly("http basic");
			}
			else {
				assertThat(body.get("protocol")).as(server.getKey()).isIn("kafka", "kafka-secure");
				assertThat(security).as(server.getKey())
					.extracting((scheme) -> scheme.get("type"))
					.containsExactly("scramSha512");
			}
		}
		for (Object server : servers.values()) {
			Object bindings = map(server).get("bindings");
			if (bindings != null) {
				assertThat(map(map(bindings).get("kafka")).get("schemaRegistryUrl")).isEqualTo(registry);
			}
		}
	}

	/** The schema in {@code file}, with the shared types it names parsed first. */
	private static Schema parse(Path file) throws IOException {
		Path sources = Repository.root().resolve(AVRO_SOURCES);
		Schema.Parser parser = new Schema.Parser();
		List<Path> first = new ArrayList<>();
		try (Stream<Path> common = Files.list(sources.resolve("common"))) {
			common.filter((path) -> path.toString().endsWith(".avsc")).sorted().forEach(first::add);
		}
		first.add(sources.resolve("cases/CaseEvent.avsc"));
		for (Path shared : first) {
			if (!shared.equals(file)) {
				parser.parse(shared.toFile());
			}
		}
		return parser.parse(file.toFile());
	}

	private static Map<String, Map<String, Object>> channels() {
		return entries(document.get("channels"));
	}

	private static Map<String, Map<String, Object>> operations() {
		return entries(document.get("operations"));
	}

	private static Map<String, Object> channel(Topic<?> topic) {
		return channels().get(channelId(topic));
	}

	private static String channelId(Topic<?> topic) {
		return channels().entrySet()
			.stream()
			.filter((channel) -> topic.name().equals(channel.getValue().get("address")))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No channel for " + topic));
	}

	/** The one message a topic carries (one schema per topic). */
	private static Map<String, Object> message(Topic<?> topic) {
		Map<String, Object> messages = map(channel(topic).get("messages"));
		assertThat(messages).as(topic + " messages").hasSize(1);
		String id = reference((String) map(messages.values().iterator().next()).get("$ref"), "#/components/messages/");
		Map<String, Object> message = map(map(map(document.get("components")).get("messages")).get(id));
		assertThat(message).as(topic + " message " + id).isNotNull();
		return message;
	}

	private static List<String> tags(Map<String, Object> operation) {
		return ((List<?>) operation.get("tags")).stream().map((tag) -> (String) map(tag).get("name")).toList();
	}

	private static String reference(String ref, String prefix) {
		assertThat(ref).startsWith(prefix);
		return ref.substring(prefix.length());
	}

	private static Map<String, Map<String, Object>> entries(Object node) {
		Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
		map(node).forEach((key, value) -> entries.put(key, map(value)));
		return entries;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		return (Map<String, Object>) node;
	}

}
