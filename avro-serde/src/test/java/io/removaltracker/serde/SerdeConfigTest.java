package io.removaltracker.serde;

import java.util.Map;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerdeConfigTest {

	private static final Schema RECORD = new Schema.Parser()
		.parse("{\"type\":\"record\",\"name\":\"Opened\",\"namespace\":\"x.y\",\"fields\":[]}");

	@Test
	void defaultsFollowConfluent() {
		SerdeConfig config = SerdeConfig.from(Map.of("schema.registry.url", "http://127.0.0.1:8081"));

		assertThat(config.autoRegisterSchemas()).isTrue();
		assertThat(config.useLatestVersion()).isFalse();
		assertThat(config.specificAvroReader()).isFalse();
		assertThat(config.basicAuthUserInfo()).isNull();
		assertThat(config.subjectStrategy(false).subject("case-events", false, RECORD)).isEqualTo("case-events-value");
		assertThat(config.subjectStrategy(true).subject("case-events", true, RECORD)).isEqualTo("case-events-key");
	}

	@Test
	void subjectStrategiesAcceptConfluentClassNamesAndShortNames() {
		SerdeConfig config = SerdeConfig.from(Map.of("schema.registry.url", "mock://s", "value.subject.name.strategy",
				"io.confluent.kafka.serializers.subject.RecordNameStrategy", "key.subject.name.strategy",
				"topic-record"));

		assertThat(config.subjectStrategy(false).subject("t", false, RECORD)).isEqualTo("x.y.Opened");
		assertThat(config.subjectStrategy(true).subject("t", true, RECORD)).isEqualTo("t-x.y.Opened");
	}

	@Test
	void credentialsComeFromUserInfoOrFromTheUrl() {
		assertThat(SerdeConfig.from(Map.of("schema.registry.url", "https://r:8081", "basic.auth.credentials.source",
				"USER_INFO", "basic.auth.user.info", "ops:pw"))
			.basicAuthUserInfo()).isEqualTo("ops:pw");
		assertThat(SerdeConfig.from(Map.of("schema.registry.url", "https://ops:pw@r:8081")).basicAuthUserInfo())
			.isEqualTo("ops:pw");
	}

	@Test
	void toStringNeverShowsCredentials() {
		SerdeConfig config = SerdeConfig.from(Map.of("schema.registry.url", "https://ops:pw@r:8081",
				"basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "ops:pw"));

		assertThat(config.toString()).contains("https://r:8081").doesNotContain("pw").doesNotContain("ops");
	}

	@Test
	void missingOrWrongSettingsAreExplained() {
		assertThatThrownBy(() -> SerdeConfig.from(Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageContaining("schema.registry.url");
		assertThatThrownBy(
				() -> SerdeConfig.from(Map.of("schema.registry.url", "mock://s", "auto.register.schemas", "yes")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("auto.register.schemas");
		assertThatThrownBy(() -> SerdeConfig
			.from(Map.of("schema.registry.url", "mock://s", "value.subject.name.strategy", "Bogus")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("TopicNameStrategy");
		assertThatThrownBy(() -> SerdeConfig.from(Map.of("schema.registry.url", "ftp://r")).createClient())
			.hasMessageContaining("http://, https:// or mock://");
	}

}
