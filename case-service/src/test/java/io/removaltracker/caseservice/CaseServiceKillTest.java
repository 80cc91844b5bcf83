package io.removaltracker.caseservice;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.removaltracker.events.Topics;
import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.serde.WireFormat;
import io.removaltracker.testing.HttpJson;
import io.removaltracker.testing.SharedKafka;
import io.removaltracker.testing.TestIssuer;
import io.removaltracker.testing.TopicReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * case-service as its own process, killed with SIGKILL while requests are in flight:
 * every event a caller was told was accepted (201) is in {@code case-events}, because the
 * answer waits for the verdict committed in the same transaction as the event.
 */
class CaseServiceKillTest {

	@TempDir
	Path stateDir;

	private EmbeddedKafkaKraftBroker broker;

	private Process service;

	@AfterEach
	void cleanUp() {
		if (this.service != null) {
			this.service.destroyForcibly();
		}
		if (this.broker != null) {
			this.broker.destroy();
		}
	}

	@Test
	void killedMidTrafficNoCallerWasToldAcceptedForAnEventNotRecorded() throws Exception {
		this.broker = SharedKafka.privateBroker();
		int port = freePort();
		this.service = startService(port);
		HttpJson http = new HttpJson("http://127.0.0.1:" + port);
		await().atMost(Duration.ofSeconds(120))
			.ignoreExceptions()
			.until(() -> http.get("/actuator/health/readiness").body().path("status").asText(), "UP"::equals);

		Set<String> accepted;
		try (OpeningTraffic traffic = new OpeningTraffic(http, 4, 40)) {
			assertThat(traffic.awaitAccepted(60)).isTrue();
			this.service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			accepted = traffic.stop();
		}

		List<ConsumerRecord<String, byte[]>> recorded = TopicReader.readUntil(this.broker.getBrokersAsString(),
				Topics.CASE_EVENTS.name(), new StringDeserializer(), new ByteArrayDeserializer(),
				(record) -> accepted.contains(eventId(record.value())), accepted.size());
		assertThat(recorded.stream().map((record) -> eventId(record.value())).collect(Collectors.toSet()))
			.containsAll(accepted);
	}

	private Process startService(int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		File log = Path.of("target", "case-service-kill-test.log").toFile();
		return new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
				CaseServiceApplication.class.getName(), "--server.port=" + port,
				"--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
				"--spring.kafka.properties.schema.registry.url=mock://kill-test",
				"--spring.kafka.streams.state-dir=" + this.stateDir, TestIssuer.serviceArgument())
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
	}

	/**
	 * The eventId of a canonical event written by the other process, whose in-process
	 * registry this test cannot reach: the writer schema is this build's own, so the
	 * datum after the 5-byte header is read with it.
	 */
	private static String eventId(byte[] value) {
		try {
			return new SpecificDatumReader<>(CaseEvent.class)
				.read(null,
						DecoderFactory.get()
							.binaryDecoder(value, WireFormat.HEADER_SIZE, value.length - WireFormat.HEADER_SIZE, null))
				.getEventId();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
