package io.removaltracker.serde.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Runs Avro's reader/writer compatibility check and says each incompatibility in words a
 * schema author can act on: the field, by its path of names, and the rule it breaks.
 */
public final class SchemaCompatibilityReport {

	private static final ObjectMapper JSON = new ObjectMapper();

	private SchemaCompatibilityReport() {
	}

	/**
	 * Why {@code reader} cannot read data written with {@code writer}; empty when it can.
	 * Each line reads like
	 * {@code field 'CaseEvent.payload.CaseOpened.personId': a field added to
	 * the reader needs a default (READER_FIELD_MISSING_DEFAULT_VALUE)}.
	 */
	public static List<String> check(Schema reader, Schema writer) {
		List<Incompatibility> incompatibilities = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
			.getResult()
			.getIncompatibilities();
		List<String> problems = new ArrayList<>();
		for (Incompatibility incompatibility : incompatibilities) {
			problems.add(describe(reader, incompatibility));
		}
		return problems;
	}

	private static String describe(Schema reader, Incompatibility incompatibility) {
		SchemaIncompatibilityType type = incompatibility.getType();
		String where = FieldPath.of(reader, incompatibility.getLocation());
		return where + ": " + rule(type) + " (" + type + ": " + incompatibility.getMessage() + ")";
	}

	private static String rule(SchemaIncompatibilityType type) {
		return switch (type) {
			case READER_FIELD_MISSING_DEFAULT_VALUE -> "a field the old data does not have needs a default value";
			case TYPE_MISMATCH ->
				"a type may only change by Avro's promotions (int to long, float or double; long to float or double;"
						+ " float to double; string to and from bytes) or by becoming a union that holds the old type";
			case MISSING_ENUM_SYMBOLS ->
				"an enum symbol old data may hold cannot be removed unless the enum has a default";
			case MISSING_UNION_BRANCH -> "a union branch old data may hold cannot be removed";
			case NAME_MISMATCH -> "a record, enum or fixed keeps its full name (or lists the old one in its aliases)";
			case FIXED_SIZE_MISMATCH -> "a fixed type keeps its size";
		};
	}

	/**
	 * Turns Avro's JSON-pointer location ({@code /fields/5/type/0/fields/1}) into the
	 * names a person reads ({@code CaseEvent.payload.CaseOpened.personId}).
	 */
	static final class FieldPath {

		private FieldPath() {
		}

		static String of(Schema schema, String pointer) {
			JsonNode root;
			try {
				root = JSON.readTree(schema.toString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Map<String, JsonNode> namedTypes = new HashMap<>();
			collectNamedTypes(root, null, namedTypes);
			StringBuilder path = new StringBuilder(schema.getName());
			boolean inField = false;
			JsonNode node = root;
			String[] steps = (pointer == null) ? new String[0] : pointer.split("/");
			for (int i = 0; i < steps.length; i++) {
				String step = steps[i];
				if (step.isEmpty()) {
					continue;
				}
				node = resolve(node, namedTypes);
				if (node == null) {
					break;
				}
				if (node.isArray() && isIndex(step)) {
					node = node.get(Integer.parseInt(step));
					JsonNode branch = resolve(node, namedTypes);
					if (branch != null && branch.has("name")) {
						path.append('.').append(branch.get("name").asText());
					}
					continue;
				}
				node = node.get(step);
				if ("fields".equals(step) && i + 1 < steps.length && isIndex(steps[i + 1]) && node != null) {
					node = node.get(Integer.parseInt(steps[++i]));
					if (node != null) {
						path.append('.').append(node.get("name").asText());
						inField = true;
					}
				}
			}
			return (inField ? "field '" : "type '") + path + "'";
		}

		private static boolean isIndex(String step) {
			return !step.isEmpty() && step.chars().allMatch(Character::isDigit);
		}

		/** Follows a reference to a named type defined elsewhere in the schema. */
		private static JsonNode resolve(JsonNode node, Map<String, JsonNode> namedTypes) {
			if (node != null && node.isTextual() && namedTypes.containsKey(node.asText())) {
				return namedTypes.get(node.asText());
			}
			return node;
		}

		private static void collectNamedTypes(JsonNode node, String namespace, Map<String, JsonNode> into) {
			if (node == null) {
				return;
			}
			if (node.isArray()) {
				node.forEach((child) -> collectNamedTypes(child, namespace, into));
				return;
			}
			if (!node.isObject()) {
				return;
			}
			String ns = node.has("namespace") ? node.get("namespace").asText() : namespace;
			if (node.has("name") && node.has("type") && isNamedType(node.get("type").asText())) {
				String name = node.get("name").asText();
				String fullName = (name.contains(".") || ns == null) ? name : ns + "." + name;
				into.put(fullName, node);
				into.putIfAbsent(name, node);
			}
			node.properties().forEach((entry) -> collectNamedTypes(entry.getValue(), ns, into));
		}

		private static boolean isNamedType(String type) {
			return "record".equals(type) || "enum".equals(type) || "fixed".equals(type);
		}

	}

}
