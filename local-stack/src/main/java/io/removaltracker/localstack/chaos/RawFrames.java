package io.removaltracker.localstack.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writing records the way a producer outside this project would: its own calls to the
 * registry's REST API, its own Confluent framing ({@code 0x00}, the schema id as four
 * bytes, the Avro datum), a plain byte-array producer. Nothing of the project's serde is
 * used, so what the services meet is exactly what another team's client would send.
 */
final class RawFrames {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private RawFrames() {
	}

	/**
	 * Registers {@code schema} with an extra property naming this writer under
	 * {@code subject}. The property makes it a schema text the registry has not seen, so
	 * it gets a new id that no service has cached, while its Avro datum stays byte for
	 * byte that of the plain schema.
	 */
	static int registerOwnVersion(String registryUrl, String userInfo, String subject, Schema schema, String writer) {
		Schema own = new Schema.Parser().parse(schema.toString());
		own.addProp("x-writer", writer);
		return register(registryUrl, userInfo, subject, own);
	}

	/**
	 * The id the registry gives the schema under the subject, registering it if new.
	 * @param userInfo {@code name:password} of a registry admin (only an admin registers)
	 */
	static int register(String registryUrl, String userInfo, String subject, Schema schema) {
		try {
			String body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
			HttpResponse<String> answer = HTTP
				.send(HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/" + subject + "/versions"))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/vnd.schemaregistry.v1+json")
					.header("Authorization",
							"Basic " + java.util.Base64.getEncoder()
								.encodeToString(userInfo.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher id = ID.matcher(answer.body());
			if (answer.statusCode() != 200 || !id.find()) {
				throw new IllegalStateException(
						"the registry did not register " + subject + ": " + answer.statusCode() + " " + answer.body());
			}
			return Integer.parseInt(id.group(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The Confluent wire format of a record written with its own schema. */
	static byte[] frame(int schemaId, SpecificRecord record) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.write(0);
		bytes.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
		try {
			new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
			encoder.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * A plain producer of bytes, acknowledged by every in-sync replica.
	 * @param kafkaClient the bootstrap servers and the principal's settings
	 */
	static KafkaProducer<String, byte[]> producer(Map<String, Object> kafkaClient, String clientId) {
		Map<String, Object> config = new java.util.HashMap<>(
				io.removaltracker.simulator.KafkaCredentials.kafkaSettings(kafkaClient));
		config.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Load.GIVE_UP_AFTER.toMillis(),
				ProducerConfig.CLIENT_ID_CONFIG, clientId));
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

}
