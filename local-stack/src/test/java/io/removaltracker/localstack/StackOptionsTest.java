package io.removaltracker.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity provider's place among the launcher's options, the heaps, class data. */
class StackOptionsTest {

	private static final Path SERVICES = Path.of("target", "services");

	@Test
	void theIdentityProviderListensOn8084AndKeepsTheCredentialsInTheDataDirectory() {
		StackOptions options = StackOptions.parse(new String[] { "--data-dir", "target/options-data" }, SERVICES);

		assertThat(options.port(StackOptions.IDENTITY)).isEqualTo(8084);
		assertThat(options.url(StackOptions.IDENTITY)).isEqualTo("http://127.0.0.1:8084");
		assertThat(options.credentialsFile())
			.isEqualTo(Path.of("target/options-data").toAbsolutePath().resolve("credentials.json"));
		assertThat(options.portOption(StackOptions.IDENTITY)).isEqualTo("--identity-port");
	}

	@Test
	void itsPortIsAnOptionAndSharesWithNoOtherPart() {
		assertThat(StackOptions.parse(new String[] { "--identity-port", "9184" }, SERVICES).port(StackOptions.IDENTITY))
			.isEqualTo(9184);
		assertThatThrownBy(() -> StackOptions.parse(new String[] { "--identity-port", "8083" }, SERVICES))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("two parts cannot share a port");
	}

	@Test
	void theBrokersSpeakTlsOnlyWhenAskedTo() {
		StackOptions plain = StackOptions.parse(new String[0], SERVICES);
		StackOptions tls = StackOptions.parse(new String[] { "--kafka-tls" }, SERVICES);

		assertThat(plain.kafkaTls()).isFalse();
		assertThat(plain.kafkaSecurityProtocol()).isEqualTo("SASL_PLAINTEXT");
		assertThat(tls.kafkaTls()).isTrue();
		assertThat(tls.kafkaSecurityProtocol()).isEqualTo("SASL_SSL");
		assertThat(StackOptions.USAGE).contains("--kafka-tls");
	}

	@Test
	void aTakenIdentityPortIsNamedWithItsOption() throws Exception {
		try (ServerSocket squatter = new ServerSocket()) {
			squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = squatter.getLocalPort();
			StackOptions options = StackOptions.parse(new String[] { "--identity-port", String.valueOf(port) },
					SERVICES);

			assertThat(
					new LocalStack(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
						.takenPorts())
				.contains("port " + port
						+ " (dev-identity-provider) is already in use; stop what uses it or choose another with "
						+ "--identity-port.");
		}
	}

	@Test
	void eachPartHasADefaultHeapThatAnOptionReplaces() {
		StackOptions defaults = StackOptions.parse(new String[0], SERVICES);
		StackOptions given = StackOptions
			.parse(new String[] { "--heap", "reporting-service=768m,case-service=384m,kafka=1g" }, SERVICES);
		StackOptions cluster = StackOptions.parse(new String[] { "--brokers", "3" }, SERVICES);

		assertThat(defaults.heap(StackOptions.REPORTING)).isEqualTo("-Xmx320m");
		assertThat(defaults.heap(StackOptions.CASE_2)).isEqualTo("-Xmx256m");
		assertThat(defaults.heap(StackOptions.BROKER)).isEqualTo("-Xmx768m");
		assertThat(cluster.heap("kafka-2")).isEqualTo("-Xmx512m");
		assertThat(given.heap(StackOptions.REPORTING)).isEqualTo("-Xmx768m");
		assertThat(given.heap(StackOptions.CASE)).isEqualTo("-Xmx384m");
		assertThat(given.heap(StackOptions.CASE_2)).isEqualTo("-Xmx384m");
		assertThat(given.heap(StackOptions.BROKER)).isEqualTo("-Xmx1g");
		assertThat(given.heap(StackOptions.MONITORING)).isEqualTo("-Xmx256m");
		assertThat(StackOptions.USAGE).contains("--heap PART=SIZE");
	}

	@Test
	void aHeapForNoPartOrOfNoSizeIsRefused() {
		assertThatThrownBy(() -> StackOptions.parse(new String[] { "--heap", "wanted-service=1g" }, SERVICES))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("PART one of case-service, dev-identity-provider");
		assertThatThrownBy(() -> StackOptions.parse(new String[] { "--heap", "case-service=lots" }, SERVICES))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("a size such as 384m");
	}

	@Test
	void classDataIsOnUnlessSwitchedOff() {
		assertThat(StackOptions.parse(new String[0], SERVICES).classDataSharing()).isTrue();
		assertThat(StackOptions.parse(new String[] { "--no-class-data" }, SERVICES).classDataSharing()).isFalse();
	}

}
