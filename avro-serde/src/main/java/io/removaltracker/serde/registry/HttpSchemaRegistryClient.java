package io.removaltracker.serde.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of any registry speaking the Confluent REST API. Tries the URLs in order and
 * moves to the next on an I/O error, a timeout, or a 408, 429 or 5xx answer, starting
 * later calls from the URL that last answered. Ids, schemas and subject registrations are
 * immutable in a registry, so they are cached without expiry.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

	static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RegistryEndpoints endpoints;

	private final String authorization;

	private final Duration requestTimeout;

	private final HttpClient http;

	private volatile int preferred;

	private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

	private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

	/**
	 * @param urls comma-separated registry URLs, tried in order
	 * @param userInfo {@code user:password} for basic auth, or null for none
	 */
	public HttpSchemaRegistryClient(String urls, String userInfo, Duration connectTimeout, Duration requestTimeout) {
		this.endpoints = RegistryEndpoints.parse(urls);
		this.authorization = (userInfo == null || userInfo.isEmpty()) ? null
				: "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
		this.requestTimeout = requestTimeout;
		this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
	}

	/** The URLs as they may be shown: without the credentials they may carry. */
	public static String describe(String urls) {
		return RegistryEndpoints.parse(urls).describe();
	}

	/** The user info written in the first URL ({@code http://user:pw@host}), or null. */
	public static String userInfoFromUrl(String urls) {
		return RegistryEndpoints.parse(urls).urls().get(0).getUserInfo();
	}

	@Override
	public int register(String subject, Schema schema) {
		SubjectSchema key = new SubjectSchema(subject, schema);
		Integer cached = this.idsBySubjectSchema.get(key);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
		int id = answer.path("id").asInt();
		this.idsBySubjectSchema.put(key, id);
		this.schemasById.putIfAbsent(id, schema);
		return id;
	}

	@Override
	public RegisteredSchema lookup(String subject, Schema schema) {
		JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
		RegisteredSchema found = registered(answer, subject);
		this.idsBySubjectSchema.put(new SubjectSchema(subject, schema), found.id());
		return found;
	}

	@Override
	public Schema schemaById(int id) {
		Schema cached = this.schemasById.get(id);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = call("GET", "/schemas/ids/" + id, null);
		Schema schema = parse(answer.path("schema").asText());
		this.schemasById.putIfAbsent(id, schema);
		return schema;
	}

	@Override
	public RegisteredSchema latest(String subject) {
		return registered(call("GET", "/subjects/" + encode(subject) + "/versions/latest", null), subject);
	}

	@Override
	public RegisteredSchema version(String subject, int version) {
		return registered(call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null), subject);
	}

	@Override
	public List<String> subjects() {
		List<String> subjects = new ArrayList<>();
		call("GET", "/subjects", null).forEach((node) -> subjects.add(node.asText()));
		return subjects;
	}

	@Override
	public List<Integer> versions(String subject) {
		List<Integer> versions = new ArrayList<>();
		call("GET", "/subjects/" + encode(subject) + "/versions", null).forEach((node) -> versions.add(node.asInt()));
		return versions;
	}

	@Override
	public List<String> compatibilityViolations(String subject, Schema schema) {
		JsonNode answer;
		try {
			answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
					schemaBody(schema));
		}
		catch (SchemaRegistryException ex) {
			if (ex.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
					|| ex.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
				return List.of();
			}
			throw ex;
		}
		if (answer.path("is_compatible").asBoolean(false)) {
			return List.of();
		}
		List<String> messages = new ArrayList<>();
		answer.path("messages").forEach((node) -> messages.add(node.asText()));
		return messages.isEmpty() ? List.of("the registry found the schema incompatible and gave no reason") : messages;
	}

	@Override
	public CompatibilityLevel compatibility(String subject) {
		String path = (subject == null) ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
		return CompatibilityLevel.parse(call("GET", path, null).path("compatibilityLevel").asText());
	}

	@Override
	public void setCompatibility(String subject, CompatibilityLevel level) {
		ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
		call("PUT", (subject == null) ? "/config" : "/config/" + encode(subject), body.toString());
	}

	private JsonNode call(String method, String path, String body) {
		List<URI> urls = this.endpoints.urls();
		String lastFailure = null;
		Exception lastCause = null;
		int start = this.preferred;
		for (int attempt = 0; attempt < urls.size(); attempt++) {
			int index = (start + attempt) % urls.size();
			URI base = urls.get(index);
			String shown = RegistryEndpoints.redact(base);
			HttpResponse<String> response;
			try {
				response = this.http.send(request(method, base, path, body), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				lastFailure = shown + ": " + describe(ex);
				lastCause = ex;
				log.warn("Schema registry {} did not answer {} {}: {}", shown, method, pathOnly(path), describe(ex));
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SchemaRegistryException(-1, SchemaRegistryException.UNREACHABLE,
						"Interrupted while calling schema registry " + shown, ex);
			}
			int status = response.statusCode();
			if (status == 408 || status == 429 || status >= 500) {
				lastFailure = shown + ": HTTP " + status + " " + errorMessage(response.body());
				log.warn("Schema registry {} answered {} {} with HTTP {}", shown, method, pathOnly(path), status);
				continue;
			}
			this.preferred = index;
			if (status >= 400) {
				throw error(status, response.body(), shown);
			}
			return readJson(response.body(), shown);
		}
		throw new SchemaRegistryException(-1, SchemaRegistryException.UNREACHABLE,
				"Schema registry unreachable (" + this.endpoints.describe() + "); last failure: " + lastFailure,
				lastCause);
	}

	private HttpRequest request(String method, URI base, String path, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(RegistryEndpoints.target(base, path))
			.timeout(this.requestTimeout)
			.header("Accept", CONTENT_TYPE + ", application/json");
		String auth = (this.authorization != null) ? this.authorization : urlAuthorization(base);
		if (auth != null) {
			builder.header("Authorization", auth);
		}
		if (body == null) {
			return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
		}
		return builder.header("Content-Type", CONTENT_TYPE)
			.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
	}

	private static String urlAuthorization(URI base) {
		String userInfo = base.getUserInfo();
		return (userInfo == null) ? null
				: "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
	}

	private static SchemaRegistryException error(int status, String body, String shown) {
		int code = status;
		String message = body;
		try {
			JsonNode node = JSON.readTree(body);
			code = node.path("error_code").asInt(status);
			message = node.path("message").asText(body);
		}
		catch (JsonProcessingException ex) {
			// Not a Confluent error body (a proxy's HTML page, say): keep the raw text.
		}
		return new SchemaRegistryException(status, code,
				"Schema registry " + shown + " answered HTTP " + status + " (error code " + code + "): " + message);
	}

	private static String errorMessage(String body) {
		try {
			return JSON.readTree(body).path("message").asText("");
		}
		catch (JsonProcessingException ex) {
			return "";
		}
	}

	private static JsonNode readJson(String body, String shown) {
		try {
			return JSON.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw new SchemaRegistryException(200, SchemaRegistryException.STORE_ERROR,
					"Schema registry " + shown + " answered with a body that is not JSON", ex);
		}
	}

	private static RegisteredSchema registered(JsonNode answer, String subject) {
		return new RegisteredSchema(answer.path("subject").asText(subject), answer.path("version").asInt(),
				answer.path("id").asInt(), parse(answer.path("schema").asText()));
	}

	private static String schemaBody(Schema schema) {
		return JSON.createObjectNode().put("schema", schema.toString()).toString();
	}

	private static Schema parse(String text) {
		return new Schema.Parser().parse(text);
	}

	private static String encode(String subject) {
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String pathOnly(String path) {
		int query = path.indexOf('?');
		return (query < 0) ? path : path.substring(0, query);
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message == null) ? "" : " " + message);
	}

	/**
	 * Cache key; Avro caches a schema's hash code, so this stays cheap on the hot path.
	 */
	record SubjectSchema(String subject, Schema schema) {
	}

}
