package io.removaltracker.events.deploy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.removaltracker.events.Topics;
import io.removaltracker.registry.DevSchemaRegistryApplication;
import io.removaltracker.serde.registry.HttpSchemaRegistryClient;
import io.removaltracker.testing.SharedKafka;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema deploy step against the real development registry, started in-process on its
 * own store topic with an admin and a reader: the admin registers every published version
 * in the history's numbering, a second run registers nothing, and a reader is refused
 * naming the subject.
 */
class SchemaDeployTest {

	private static final String ADMIN = "operator:deploy-admin-secret";

	private static final String READER = "upstream:deploy-reader-secret";

	/** Subjects in the order of the topic list, and how many versions each has. */
	private static final List<String> EXPECTED_LINES = List.of("case-intake-value: versions 1-2 registered (2 new)",
			"case-intake-outcomes-value: versions 1-3 registered (3 new)",
			"case-events-value: versions 1-3 registered (3 new)", "wanted-flags-value: versions 1-2 registered (2 new)",
			"case-stats-value: versions 1-2 registered (2 new)", "access-audit-value: version 1 registered (1 new)");

	private ConfigurableApplicationContext registry;

	private String url;

	@BeforeEach
	void startRegistry() {
		this.registry = new SpringApplicationBuilder(DevSchemaRegistryApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
				"--registry.topic=" + SharedKafka.uniqueTopic("_schemas"),
				"--registry.principals.operator.password=deploy-admin-secret",
				"--registry.principals.operator.admin=true",
				"--registry.principals.upstream.password=deploy-reader-secret");
		this.url = "http://127.0.0.1:" + this.registry.getEnvironment().getProperty("local.server.port");
	}

	@AfterEach
	void stopRegistry() {
		this.registry.close();
	}

	@Test
	void anAdminRegistersEveryPublishedVersionInOrderAndASecondRunNothing() {
		Printed first = deploy(ADMIN);
		Printed second = deploy(ADMIN);

		assertThat(first.lines()).containsExactlyElementsOf(EXPECTED_LINES);
		assertThat(first.result().registered()).isEqualTo(13);
		assertThat(second.result().registered()).isZero();
		assertThat(second.lines()).allSatisfy((line) -> assertThat(line).endsWith("registered (0 new)"));
		HttpSchemaRegistryClient client = client(ADMIN);
		for (String subject : first.result().subjects().stream().map(SchemaDeploy.Deployed::subject).toList()) {
			List<Schema> published = PublishedSchemas.of(subject);
			assertThat(client.versions(subject)).as(subject)
				.containsExactlyElementsOf(IntStream.rangeClosed(1, published.size()).boxed().toList());
			for (int version = 1; version <= published.size(); version++) {
				assertThat(client.version(subject, version).schema()).as(subject + " v" + version)
					.isEqualTo(published.get(version - 1));
			}
		}
		assertThat(client.latest(Topics.CASE_EVENTS.valueSubject()).schema())
			.isEqualTo(Topics.CASE_EVENTS.valueSchema().orElseThrow());
	}

	@Test
	void aReaderIsRefusedNamingTheSubjectAndCanCheckADeployedRegistry() {
		assertThatThrownBy(() -> deploy(READER)).isInstanceOf(SchemaDeployException.class)
			.hasMessageStartingWith("case-intake-value v1 was not registered: ")
			.hasMessageContaining("HTTP 403")
			.hasMessageContaining("principal 'upstream'")
			.satisfies((ex) -> assertThat(((SchemaDeployException) ex).subject()).isEqualTo("case-intake-value"));
		assertThat(client(ADMIN).subjects()).isEmpty();

		deploy(ADMIN);
		Printed check = deploy(READER);

		assertThat(check.result().registered()).isZero();
		assertThat(check.lines()).hasSize(EXPECTED_LINES.size());
	}

	@Test
	void anOlderVersionIsNeverRegisteredAfterANewerOne() {
		Schema current = Topics.CASE_STATS.valueSchema().orElseThrow();
		client(ADMIN).register("case-stats-value", current);

		Printed printed = deploy(ADMIN);

		assertThat(printed.lines()).contains("case-stats-value: versions 1-2 registered (0 new); not registered: v1"
				+ " (a later version was registered first); v2 is version 1 there");
		assertThat(client(ADMIN).latest("case-stats-value").schema()).isEqualTo(current);
	}

	@Test
	void noCredentialsAreRefusedWithTheRegistrysAnswer() {
		assertThatThrownBy(() -> deploy(null)).isInstanceOf(SchemaDeployException.class)
			.hasMessageStartingWith("case-intake-value v1 could not be looked up: ")
			.hasMessageContaining("HTTP 401");
	}

	private record Printed(SchemaDeploy.Result result, List<String> lines) {
	}

	private Printed deploy(String userInfo) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SchemaDeploy.Result result = SchemaDeploy.deploy(this.url, userInfo,
				new PrintStream(out, true, StandardCharsets.UTF_8));
		return new Printed(result, out.toString(StandardCharsets.UTF_8).lines().toList());
	}

	private HttpSchemaRegistryClient client(String userInfo) {
		return new HttpSchemaRegistryClient(this.url, userInfo, Duration.ofSeconds(2), Duration.ofSeconds(10));
	}

}
