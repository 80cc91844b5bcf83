package io.removaltracker.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.removaltracker.identity.credentials.OwnerOnlyFiles;

/**
 * The certificates of the broker's TLS client listener ({@code --kafka-tls}), made with
 * the JDK's {@code keytool} once per data directory and kept in {@code <data>/tls},
 * owner-only: a CA of the stack's own ({@code ca.pem}, what clients trust) and the
 * broker's key with a certificate from that CA for {@code 127.0.0.1} and
 * {@code localhost} ({@code broker.p12}, PKCS12, its password in
 * {@code keystore.password}).
 * <p>
 * The CA's private key is deleted once it has signed: nobody, the stack included, can
 * issue another certificate clients would trust. When anything is missing or the broker's
 * certificate is about to expire, the whole set is made again, a new CA too; clients read
 * the CA from the same file, so they follow. Passwords reach keytool in its environment,
 * never on its command line.
 */
final class BrokerCertificates {

	static final String DIR = "tls";

	/** Ten years: a development stack should not stop working on a date. */
	private static final int VALIDITY_DAYS = 3650;

	/** Made again when the broker's certificate has less than this left. */
	private static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path dir;

	private final boolean created;

	private BrokerCertificates(Path dir, boolean created) {
		this.dir = dir;
		this.created = created;
	}

	/** The CA certificate (PEM) every client trusts. */
	Path caFile() {
		return this.dir.resolve("ca.pem");
	}

	/** The broker's key and certificate chain, PKCS12. */
	Path keystore() {
		return this.dir.resolve("broker.p12");
	}

	/** The broker's certificate (PEM), kept to check when it expires. */
	Path certificate() {
		return this.dir.resolve("broker.pem");
	}

	String keystorePassword() throws IOException {
		return Files.readString(this.dir.resolve("keystore.password"), StandardCharsets.UTF_8).trim();
	}

	/** Whether this start made them (else they were reused). */
	boolean created() {
		return this.created;
	}

	/**
	 * The data directory's certificates, made now if it has none that will do.
	 * @param log where keytool's output goes
	 */
	static BrokerCertificates loadOrCreate(Path dataDir, Path log) throws IOException, InterruptedException {
		Path dir = dataDir.resolve(DIR);
		BrokerCertificates existing = new BrokerCertificates(dir, false);
		if (existing.usable()) {
			return existing;
		}
		Files.createDirectories(dataDir);
		Files.createDirectories(log.getParent());
		// Made in a private directory beside the final one and moved in one step, so a
		// start that fails half-way leaves nothing that looks complete.
		Path fresh = Files.createTempDirectory(dataDir, "." + DIR + "-");
		try {
			make(fresh, log);
			StackProcess.deleteTree(dir);
			Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			StackProcess.deleteTree(fresh);
		}
		return new BrokerCertificates(dir, true);
	}

	private boolean usable() {
		if (!Files.isRegularFile(caFile()) || !Files.isRegularFile(keystore()) || !Files.isRegularFile(certificate())
				|| !Files.isRegularFile(this.dir.resolve("keystore.password"))) {
			return false;
		}
		try (InputStream in = Files.newInputStream(certificate())) {
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(in);
			return certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	private static void make(Path dir, Path log) throws IOException, InterruptedException {
		String storePassword = newSecret();
		Map<String, String> env = Map.of("CA_PASSWORD", newSecret(), "STORE_PASSWORD", storePassword);
		String ca = dir.resolve("ca.p12").toString();
		String broker = dir.resolve("broker.p12").toString();
		String request = dir.resolve("broker.csr").toString();
		keytool(env, log, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=local-stack Kafka CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity",
				String.valueOf(VALIDITY_DAYS), "-storetype", "PKCS12", "-keystore", ca, "-storepass:env",
				"CA_PASSWORD");
		keytool(env, log, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass:env", "CA_PASSWORD",
				"-file", dir.resolve("ca.pem").toString());
		keytool(env, log, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-validity", String.valueOf(VALIDITY_DAYS), "-storetype", "PKCS12", "-keystore", broker,
				"-storepass:env", "STORE_PASSWORD");
		keytool(env, log, "-certreq", "-alias", "broker", "-keystore", broker, "-storepass:env", "STORE_PASSWORD",
				"-file", request);
		// The names clients check the broker by: it listens on 127.0.0.1 only.
		keytool(env, log, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass:env", "CA_PASSWORD",
				"-infile", request, "-outfile", dir.resolve("broker.pem").toString(), "-validity",
				String.valueOf(VALIDITY_DAYS), "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth");
		// The CA first, so keytool can build the chain the signed certificate belongs to.
		keytool(env, log, "-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(),
				"-keystore", broker, "-storepass:env", "STORE_PASSWORD");
		keytool(env, log, "-importcert", "-alias", "broker", "-file", dir.resolve("broker.pem").toString(), "-keystore",
				broker, "-storepass:env", "STORE_PASSWORD");
		Files.delete(dir.resolve("ca.p12"));
		Files.delete(dir.resolve("broker.csr"));
		OwnerOnlyFiles.createAtomically(dir.resolve("keystore.password"), storePassword);
		for (String file : List.of("ca.pem", "broker.p12", "broker.pem")) {
			OwnerOnlyFiles.restrictToOwner(dir.resolve(file));
		}
	}

	private static void keytool(Map<String, String> env, Path log, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(env);
		Process keytool = builder.start();
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			keytool.destroyForcibly();
			throw new IOException("keytool " + args[0] + " failed while making the broker's certificates; see " + log);
		}
	}

	/** 256 random bits, URL-safe. */
	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
