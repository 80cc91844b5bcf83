package io.removaltracker.localstack;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.removaltracker.identity.credentials.DevelopmentCredentials.KafkaPrincipal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The certificates keytool makes for {@code --kafka-tls}: owner-only, made once, a broker
 * certificate for 127.0.0.1 signed by a CA whose key is gone, and good for a TLS
 * handshake that checks the host name, which a client trusting another CA refuses.
 */
class BrokerCertificatesTest {

	@TempDir
	static Path dataDir;

	@TempDir
	static Path otherDataDir;

	private static BrokerCertificates certificates;

	@BeforeAll
	static void makeThem() throws Exception {
		certificates = BrokerCertificates.loadOrCreate(dataDir, dataDir.resolve("logs").resolve("keytool.log"));
	}

	@Test
	void theyAreMadeOnceOwnerOnlyAndTheCaKeyIsGone() throws Exception {
		Path dir = dataDir.resolve("tls");
		assertThat(certificates.created()).isTrue();
		assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		for (Path file : List.of(certificates.caFile(), certificates.keystore(), certificates.certificate(),
				dir.resolve("keystore.password"))) {
			assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		}
		try (var files = Files.list(dir)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("ca.pem",
					"broker.p12", "broker.pem", "keystore.password");
		}
		String ca = Files.readString(certificates.caFile());

		BrokerCertificates again = BrokerCertificates.loadOrCreate(dataDir, dataDir.resolve("logs/keytool.log"));

		assertThat(again.created()).isFalse();
		assertThat(Files.readString(again.caFile())).isEqualTo(ca);
		assertThat(again.keystorePassword()).isEqualTo(certificates.keystorePassword()).hasSize(43);
	}

	@Test
	void theBrokerCertificateNames127001AndIsSignedByTheCa() throws Exception {
		X509Certificate ca = read(certificates.caFile());
		X509Certificate broker = read(certificates.certificate());

		broker.verify(ca.getPublicKey());
		assertThat(broker.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
		assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
	}

	@Test
	void aClientTrustingTheCaCompletesAHandshakeCheckingTheHostAndOneTrustingAnotherCaDoesNot() throws Exception {
		BrokerCertificates other = BrokerCertificates.loadOrCreate(otherDataDir, otherDataDir.resolve("keytool.log"));

		assertThat(handshake(certificates.caFile())).isEqualTo("TLSv1.3");
		assertThatThrownBy(() -> handshake(other.caFile())).isInstanceOf(SSLHandshakeException.class);
	}

	@Test
	void theBrokersClientListenerIsSaslSslWithTheKeystoreAndTheControllersStayAsTheyWere() throws Exception {
		StackOptions options = StackOptions.parse(new String[] { "--kafka-tls", "--data-dir", dataDir.toString() },
				Path.of("target", "services"));
		KafkaPrincipal broker = new KafkaPrincipal("PLAIN", "broker", "secret", "SASL_SSL",
				certificates.caFile().toString());
		KafkaPrincipal admin = new KafkaPrincipal("SCRAM-SHA-512", "admin", "secret", "SASL_SSL",
				certificates.caFile().toString());

		String properties = new Broker(options, dataDir.resolve("logs"), StackOptions.BROKER, broker, admin,
				certificates)
			.serverProperties();

		assertThat(properties).contains("listener.security.protocol.map=CLIENT:SASL_SSL,CONTROLLER:SASL_PLAINTEXT\n",
				"listener.name.client.ssl.keystore.type=PKCS12\n",
				"listener.name.client.ssl.keystore.location=" + certificates.keystore() + "\n",
				"listener.name.client.ssl.keystore.password=" + certificates.keystorePassword() + "\n",
				"listener.name.client.ssl.truststore.type=PEM\n",
				"listener.name.client.ssl.truststore.location=" + certificates.caFile() + "\n");
		assertThat(new Broker(
				StackOptions.parse(new String[] { "--data-dir", dataDir.toString() }, Path.of("target", "services")),
				dataDir.resolve("logs"), StackOptions.BROKER, broker, admin, null)
			.serverProperties()).contains("CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT").doesNotContain("ssl.");
	}

	/**
	 * A TLS connection to a server with the broker's key on 127.0.0.1, from a client that
	 * trusts the given CA and checks the host name as Kafka's clients do; the protocol
	 * agreed.
	 */
	private static String handshake(Path trustedCa) throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		char[] password = certificates.keystorePassword().toCharArray();
		try (InputStream in = Files.newInputStream(certificates.keystore())) {
			keys.load(in, password);
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, password);
		SSLContext server = SSLContext.getInstance("TLS");
		server.init(keyManagers.getKeyManagers(), null, null);

		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		trusted.setCertificateEntry("ca", read(trustedCa));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trusted);
		SSLContext client = SSLContext.getInstance("TLS");
		client.init(null, trustManagers.getTrustManagers(), null);

		try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			listener.setSoTimeout(20_000);
			CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
				try (SSLSocket socket = (SSLSocket) listener.accept()) {
					socket.setSoTimeout(20_000);
					socket.startHandshake();
				}
				catch (Exception ex) {
					// The client's side tells what went wrong.
				}
			});
			try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
				.createSocket("127.0.0.1", listener.getLocalPort())) {
				socket.setSoTimeout(20_000);
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				socket.setSSLParameters(parameters);
				socket.startHandshake();
				return socket.getSession().getProtocol();
			}
			finally {
				accepted.get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static X509Certificate read(Path pem) throws Exception {
		try (InputStream in = Files.newInputStream(pem)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

}
