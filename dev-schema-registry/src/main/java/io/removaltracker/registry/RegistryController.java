package io.removaltracker.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.removaltracker.serde.registry.CompatibilityLevel;
import io.removaltracker.serde.registry.InMemoryRegistry;
import io.removaltracker.serde.registry.RegisteredSchema;
import io.removaltracker.serde.registry.SchemaRegistryException;
import org.apache.avro.Schema;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Confluent Schema Registry REST subset that serializers and their tools use. Bodies
 * are read as text and parsed here, so any content type a client sends
 * ({@code application/vnd.schemaregistry.v1+json}, {@code application/json}, none) works.
 */
@RestController
class RegistryController {

	static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final InMemoryRegistry registry;

	RegistryController(InMemoryRegistry registry) {
		this.registry = registry;
	}

	@PostMapping(path = "/subjects/{subject}/versions", produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> register(@PathVariable String subject, @RequestBody String body) {
		return Map.of("id", this.registry.register(subject, schemaOf(body)));
	}

	@PostMapping(path = "/subjects/{subject}", produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> lookup(@PathVariable String subject, @RequestBody String body) {
		return describe(this.registry.lookup(subject, schemaOf(body)));
	}

	@GetMapping(path = "/schemas/ids/{id}", produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> schemaById(@PathVariable int id) {
		return Map.of("schema", this.registry.schemaById(id).toString());
	}

	@GetMapping(path = "/subjects", produces = { CONTENT_TYPE, "application/json" })
	List<String> subjects() {
		return this.registry.subjects();
	}

	@GetMapping(path = "/subjects/{subject}/versions", produces = { CONTENT_TYPE, "application/json" })
	List<Integer> versions(@PathVariable String subject) {
		return this.registry.versions(subject);
	}

	@GetMapping(path = "/subjects/{subject}/versions/{version}", produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> version(@PathVariable String subject, @PathVariable String version) {
		return describe(resolveVersion(subject, version));
	}

	@PostMapping(path = "/compatibility/subjects/{subject}/versions/{version}",
			produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> checkCompatibility(@PathVariable String subject, @PathVariable String version,
			@RequestParam(defaultValue = "false") boolean verbose, @RequestBody String body) {
		Schema candidate = schemaOf(body);
		List<String> violations = "latest".equals(version) ? this.registry.compatibilityViolations(subject, candidate)
				: this.registry.compatibilityViolations(subject, resolveVersion(subject, version).version(), candidate);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("is_compatible", violations.isEmpty());
		if (verbose) {
			answer.put("messages", violations);
		}
		return answer;
	}

	@GetMapping(path = "/config", produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> globalConfig() {
		return Map.of("compatibilityLevel", this.registry.compatibility(null).name());
	}

	@PutMapping(path = "/config", produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> setGlobalConfig(@RequestBody String body) {
		CompatibilityLevel level = levelOf(body);
		this.registry.setCompatibility(null, level);
		return Map.of("compatibility", level.name());
	}

	@GetMapping(path = "/config/{subject}", produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> subjectConfig(@PathVariable String subject,
			@RequestParam(defaultValue = "false") boolean defaultToGlobal) {
		CompatibilityLevel own = this.registry.subjectCompatibility(subject);
		if (own == null && !defaultToGlobal) {
			throw new SchemaRegistryException(404, 40408,
					"Subject '" + subject + "' does not have subject-level compatibility configured");
		}
		return Map.of("compatibilityLevel", ((own != null) ? own : this.registry.compatibility(null)).name());
	}

	@PutMapping(path = "/config/{subject}", produces = { CONTENT_TYPE, "application/json" })
	Map<String, Object> setSubjectConfig(@PathVariable String subject, @RequestBody String body) {
		CompatibilityLevel level = levelOf(body);
		this.registry.setCompatibility(subject, level);
		return Map.of("compatibility", level.name());
	}

	private RegisteredSchema resolveVersion(String subject, String version) {
		if ("latest".equals(version) || "-1".equals(version)) {
			return this.registry.latest(subject);
		}
		int number;
		try {
			number = Integer.parseInt(version);
		}
		catch (NumberFormatException ex) {
			number = 0;
		}
		if (number < 1) {
			throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION, "The specified version '"
					+ version
					+ "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
		}
		return this.registry.version(subject, number);
	}

	private static Map<String, Object> describe(RegisteredSchema registered) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("subject", registered.subject());
		answer.put("version", registered.version());
		answer.put("id", registered.id());
		answer.put("schema", registered.schema().toString());
		return answer;
	}

	private static Schema schemaOf(String body) {
		JsonNode request = readJson(body);
		String type = request.path("schemaType").asText("AVRO");
		if (!"AVRO".equals(type)) {
			throw invalidSchema("Only AVRO schemas are supported by this registry, not " + type);
		}
		if (request.path("references").size() > 0) {
			throw invalidSchema("Schema references are not supported by this registry");
		}
		JsonNode schema = request.get("schema");
		if (schema == null || !schema.isTextual()) {
			throw invalidSchema("The request has no \"schema\" string");
		}
		try {
			return new Schema.Parser().parse(schema.asText());
		}
		catch (RuntimeException ex) {
			// Avro reports some bad schemas as SchemaParseException and others (an
			// unknown type name) as NullPointerException; all are the client's mistake.
			throw invalidSchema("Invalid schema: " + ex.getMessage());
		}
	}

	private static CompatibilityLevel levelOf(String body) {
		return CompatibilityLevel.parse(readJson(body).path("compatibility").asText(null));
	}

	private static JsonNode readJson(String body) {
		try {
			JsonNode node = JSON.readTree(body);
			if (node == null || !node.isObject()) {
				throw new SchemaRegistryException(400, 400, "The request body must be a JSON object");
			}
			return node;
		}
		catch (JsonProcessingException ex) {
			throw new SchemaRegistryException(400, 400,
					"The request body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private static SchemaRegistryException invalidSchema(String message) {
		return new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, message);
	}

}
