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
		List<String> problems = new ArrayList<>();
		collect(reader, writer, null, problems);
		return problems;
	}

	/**
	 * Collects the problems of one reader/writer pair. A record branch of a union that
	 * changed incompatibly is reported by Avro only as a missing branch; when the
	 * reader's union has a branch of the same name, the two are compared instead, to name
	 * the field that broke.
	 */
	private static void collect(Schema reader, Schema writer, String prefix, List<String> problems) {
		for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
			.getResult()
			.getIncompatibilities()) {
			FieldPath where = FieldPath.of(reader, incompatibility.getLocation(), prefix);
			Schema writerBranch = writerBranch(incompatibility);
			Schema sameNamedBranch = (writerBranch != null) ? sameNamedBranch(incompatibility, writerBranch) : null;
			if (sameNamedBranch != null) {
				collect(sameNamedBranch, writerBranch, where.parent(sameNamedBranch.getName()), problems);
				continue;
			}
			SchemaIncompatibilityType type = incompatibility.getType();
			problems.add(where + ": " + rule(type) + " (" + type + ": " + incompatibility.getMessage() + ")");
		}
	}

	/**
	 * For a missing union branch: the writer's branch, which the location ends by
	 * indexing.
	 */
	private static Schema writerBranch(Incompatibility incompatibility) {
		Schema writer = incompatibility.getWriterFragment();
		String location = incompatibility.getLocation();
		if (incompatibility.getType() != SchemaIncompatibilityType.MISSING_UNION_BRANCH || location == null) {
			return null;
		}
		if (writer.getType() != Schema.Type.UNION) {
			return writer;
		}
		String last = location.substring(location.lastIndexOf('/') + 1);
		if (last.isEmpty() || !last.chars().allMatch(Character::isDigit)) {
			return null;
		}
		int index = Integer.parseInt(last);
		return (index < writer.getTypes().size()) ? writer.getTypes().get(index) : null;
	}

	private static Schema sameNamedBranch(Incompatibility incompatibility, Schema writerBranch) {
		Schema readerUnion = incompatibility.getReaderFragment();
		if (readerUnion.getType() != Schema.Type.UNION || writerBranch.getType() != Schema.Type.RECORD) {
			return null;
		}
		return readerUnion.getTypes()
			.stream()
			.filter((branch) -> branch.getType() == Schema.Type.RECORD
					&& branch.getFullName().equals(writerBranch.getFullName()))
			.findFirst()
			.orElse(null);
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
	record FieldPath(String dotted, boolean isField) {

		/**
		 * The path without a trailing union-branch name, to continue inside that branch.
		 */
		String parent(String branchName) {
			return this.dotted.endsWith("." + branchName)
					? this.dotted.substring(0, this.dotted.length() - branchName.length() - 1) : this.dotted;
		}

		@Override
		public String toString() {
			return (this.isField ? "field '" : "type '") + this.dotted + "'";
		}

		static FieldPath of(Schema schema, String pointer, String prefix) {
			JsonNode root;
			try {
				root = JSON.readTree(schema.toString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Map<String, JsonNode> namedTypes = new HashMap<>();
			collectNamedTypes(root, null, namedTypes);
			StringBuilder path = new StringBuilder((prefix == null) ? "" : prefix + ".").append(schema.getName());
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
			return new FieldPath(path.toString(), inField);
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
