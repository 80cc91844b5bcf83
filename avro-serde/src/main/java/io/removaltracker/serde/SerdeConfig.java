package io.removaltracker.serde;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.removaltracker.serde.registry.HttpSchemaRegistryClient;
import io.removaltracker.serde.registry.MockSchemaRegistry;
import io.removaltracker.serde.registry.SchemaRegistryClient;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde settings, read from Kafka client properties under Confluent's key names so a
 * configuration written for Confluent's serializer works unchanged.
 */
public record SerdeConfig(String registryUrl, boolean autoRegisterSchemas, boolean useLatestVersion,
		boolean specificAvroReader, String basicAuthUserInfo, SubjectNameStrategy keySubjectStrategy,
		SubjectNameStrategy valueSubjectStrategy, Duration connectTimeout, Duration requestTimeout) {

	public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

	public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

	public static final String USE_LATEST_VERSION = "use.latest.version";

	public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

	public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

	public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

	public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

	public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

	/**
	 * Not a Confluent key: how long to wait for a TCP connection to a registry (default 5
	 * s).
	 */
	public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";

	/** Not a Confluent key: how long to wait for a registry's answer (default 10 s). */
	public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

	private static final String MOCK_PREFIX = "mock://";

	public static SerdeConfig from(Map<String, ?> configs) {
		Object url = configs.get(SCHEMA_REGISTRY_URL);
		if (url == null || url.toString().isBlank()) {
			throw new ConfigException("Missing required configuration '" + SCHEMA_REGISTRY_URL
					+ "': an http(s):// registry URL (several separated by commas) or mock://<scope>");
		}
		String source = string(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "URL").toUpperCase(Locale.ROOT);
		String userInfo = switch (source) {
			case "USER_INFO" -> string(configs, BASIC_AUTH_USER_INFO, null);
			case "URL" -> url.toString().startsWith(MOCK_PREFIX) ? null
					: HttpSchemaRegistryClient.userInfoFromUrl(url.toString());
			default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + " '" + source
					+ "' is not supported; use USER_INFO (with " + BASIC_AUTH_USER_INFO + ") or URL");
		};
		return new SerdeConfig(url.toString().trim(), bool(configs, AUTO_REGISTER_SCHEMAS, true),
				bool(configs, USE_LATEST_VERSION, false), bool(configs, SPECIFIC_AVRO_READER, false), userInfo,
				strategy(configs, KEY_SUBJECT_NAME_STRATEGY), strategy(configs, VALUE_SUBJECT_NAME_STRATEGY),
				Duration.ofMillis(number(configs, CONNECT_TIMEOUT_MS, 5_000)),
				Duration.ofMillis(number(configs, REQUEST_TIMEOUT_MS, 10_000)));
	}

	/**
	 * A client for the configured registry: the shared in-process one for
	 * {@code mock://}.
	 */
	public SchemaRegistryClient createClient() {
		if (this.registryUrl.startsWith(MOCK_PREFIX)) {
			return MockSchemaRegistry.forScope(this.registryUrl.substring(MOCK_PREFIX.length()));
		}
		return new HttpSchemaRegistryClient(this.registryUrl, this.basicAuthUserInfo, this.connectTimeout,
				this.requestTimeout);
	}

	public SubjectNameStrategy subjectStrategy(boolean isKey) {
		return isKey ? this.keySubjectStrategy : this.valueSubjectStrategy;
	}

	/** Never prints credentials. */
	@Override
	public String toString() {
		String registry = this.registryUrl.startsWith(MOCK_PREFIX) ? this.registryUrl
				: HttpSchemaRegistryClient.describe(this.registryUrl);
		return "SerdeConfig[registry=" + registry + ", autoRegister=" + this.autoRegisterSchemas + ", useLatestVersion="
				+ this.useLatestVersion + ", specificReader=" + this.specificAvroReader + "]";
	}

	private static SubjectNameStrategy strategy(Map<String, ?> configs, String key) {
		Object value = configs.get(key);
		if (value == null) {
			return SubjectNameStrategy.TOPIC;
		}
		String name = (value instanceof Class<?> type) ? type.getName() : value.toString();
		try {
			return SubjectNameStrategy.parse(name);
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigException(key, name, ex.getMessage());
		}
	}

	private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
		Object value = configs.get(key);
		if (value == null) {
			return fallback;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		String text = value.toString().trim();
		if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
			throw new ConfigException(key, value, "expected true or false");
		}
		return Boolean.parseBoolean(text);
	}

	private static long number(Map<String, ?> configs, String key, long fallback) {
		Object value = configs.get(key);
		if (value == null) {
			return fallback;
		}
		try {
			return (value instanceof Number n) ? n.longValue() : Long.parseLong(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new ConfigException(key, value, "expected a number of milliseconds");
		}
	}

	private static String string(Map<String, ?> configs, String key, String fallback) {
		Object value = configs.get(key);
		return (value == null) ? fallback : value.toString();
	}

}
