package io.removaltracker.testing;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The test that a service's OpenAPI document ({@code /v3/api-docs}) and its code agree,
 * over real HTTP against the running service:
 * <ul>
 * <li>the operations its request mappings serve (but the error page, the document itself
 * and the pages a service names) are the operations documented, no more, no fewer;</li>
 * <li>every documented answer of every operation is one the code gives: each is made to
 * happen by a row of the service's table (401 and 403 by this class for every operation,
 * with no token and with every scope but the documented one), and every row is
 * documented; a success is asked with a token holding only the documented scope, so a
 * wrong scope in the document fails too; each documented query parameter is checked by
 * the code (a value it cannot take is 400 naming it);</li>
 * <li>each real answer's body fits the documented schema of its status and media type:
 * its fields are documented and the required ones there (for an exact row, every
 * documented field is there), with their JSON types, enumerations and date formats;</li>
 * <li>every example in the document fits its schema the same way.</li>
 * </ul>
 * An answer that cannot be made to happen in the service's shared test context (the
 * issuer away, a caller over its allowance) is a row naming the test that makes it
 * happen.
 */
public final class ApiDocsDrift {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options",
			"trace");

	/** Served by the framework, not by the service's API. */
	private static final List<String> FRAMEWORK_PATHS = List.of("/error", "/v3/api-docs", "/swagger-ui");

	/** A value no query parameter of ours takes: each must refuse it with 400. */
	private static final String NO_VALUE = "not-valid";

	/** Every operation of the document. */
	public static final String ANY_OPERATION = "*";

	private ApiDocsDrift() {
	}

	/**
	 * One documented answer of an operation ({@code "GET /api/v1/cases/{caseId}"}) and
	 * the call that makes it happen, given the service called with a token holding only
	 * the operation's documented scope.
	 */
	public record Row(String operation, int status, Function<HttpJson, HttpJson.Answer> call, boolean exact,
			String provenBy) {

		@Override
		public String toString() {
			return this.operation + " " + this.status;
		}

	}

	/** The call answers this status, its body fitting the documented schema. */
	public static Row answers(String operation, int status, Function<HttpJson, HttpJson.Answer> call) {
		return new Row(operation, status, call, false, null);
	}

	/**
	 * As {@link #answers}, and every field the schema documents is in the body, at every
	 * level: the body and the document name the same fields.
	 */
	public static Row answersExactly(String operation, int status, Function<HttpJson, HttpJson.Answer> call) {
		return new Row(operation, status, call, true, null);
	}

	/**
	 * An answer made to happen by another test ({@code where}), for an operation or
	 * {@link #ANY_OPERATION}.
	 */
	public static Row provenBy(String where, String operation, int status) {
		return new Row(operation, status, null, false, where);
	}

	/**
	 * The checks for the service at {@code baseUrl} running in {@code context};
	 * {@code pages} are served operations that are no part of the API (a browser page's
	 * own calls), as {@code "GET /path"}.
	 */
	public static Stream<DynamicNode> of(String baseUrl, ApplicationContext context, Set<String> pages, Row... table) {
		HttpJson http = new HttpJson(baseUrl);
		Document document = new Document(http.get("/v3/api-docs"));
		List<DynamicNode> tests = new ArrayList<>();
		tests.add(DynamicTest.dynamicTest("the document and Swagger UI want a valid token, of any scope", () -> {
			for (String path : List.of("/v3/api-docs", "/swagger-ui/index.html")) {
				HttpJson.Answer anonymous = http.anonymous().get(path);
				assertEquals(401, anonymous.status(), path);
				assertTrue(anonymous.contentType().startsWith("application/problem+json"), path);
				assertEquals(200, http.withBearer(TestIssuer.shared().token()).get(path).status(), path);
			}
		}));
		tests.add(DynamicTest.dynamicTest("the operations served are the operations documented", () -> {
			Set<String> served = served(context);
			served.removeAll(pages);
			assertEquals(served, document.operations(), "served (left) and documented (right) operations");
		}));
		List<Row> rows = new ArrayList<>(List.of(table));
		for (String operation : document.operations()) {
			rows.add(answers(operation, 401, (caller) -> send(caller.anonymous(), operation, "")));
			rows.add(answers(operation, 403,
					(caller) -> send(caller.withBearer(TestIssuer.shared().token(allBut(document.scope(operation)))),
							operation, "")));
			for (String parameter : document.queryParameters(operation)) {
				rows.add(answers(operation, 400, (caller) -> {
					HttpJson.Answer answer = send(caller, operation, "?" + parameter + "=" + NO_VALUE);
					assertEquals(List.of(parameter), answer.body().path("errors").findValuesAsText("field"),
							() -> operation + " does not check the documented parameter " + parameter + ": " + answer);
					return answer;
				}));
			}
		}
		tests.add(DynamicTest.dynamicTest("every documented answer has a row, and every row is documented", () -> {
			Set<String> documented = document.answers();
			Set<String> proven = new TreeSet<>();
			for (Row row : rows) {
				if (row.operation().equals(ANY_OPERATION)) {
					document.operations().forEach((operation) -> proven.add(operation + " " + row.status()));
				}
				else {
					proven.add(row.toString());
				}
			}
			assertEquals(documented, proven, "documented (left) and made to happen (right) answers");
		}));
		for (Row row : rows) {
			if (row.provenBy() != null) {
				continue;
			}
			tests.add(DynamicTest.dynamicTest(row + (row.exact() ? ", every documented field" : ""), () -> {
				HttpJson caller = http.withBearer(TestIssuer.shared().token(document.scope(row.operation())));
				HttpJson.Answer answer = row.call().apply(caller);
				assertEquals(row.status(), answer.status(), () -> row + ": " + answer);
				JsonNode schema = document.schema(row.operation(), row.status(), answer.contentType());
				document.assertFits(answer.body(), schema, row.exact(), row.toString());
			}));
		}
		tests.add(DynamicTest.dynamicTest("every example fits its schema", document::assertExamplesFit));
		return tests.stream();
	}

	/** The operations a service's controllers serve, as {@code "GET /path"}. */
	public static Set<String> served(ApplicationContext context) {
		RequestMappingHandlerMapping mappings = context.getBean("requestMappingHandlerMapping",
				RequestMappingHandlerMapping.class);
		Set<String> operations = new TreeSet<>();
		for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
			for (String path : mapping.getPatternValues()) {
				if (FRAMEWORK_PATHS.stream().anyMatch(path::startsWith)) {
					continue;
				}
				if (methods.isEmpty()) {
					operations.add("ANY " + path);
				}
				methods.forEach((method) -> operations.add(method.name() + " " + path));
			}
		}
		return operations;
	}

	private static HttpJson.Answer send(HttpJson caller, String operation, String query) {
		String method = operation.substring(0, operation.indexOf(' '));
		String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "any") + query;
		return switch (method) {
			case "GET" -> caller.get(path);
			case "POST" -> caller.post(path, "application/json", "{}");
			case "PUT" -> caller.put(path, "application/json", "{}");
			case "DELETE" -> caller.delete(path);
			default -> throw new IllegalArgumentException("No call for " + operation);
		};
	}

	private static String[] allBut(String scope) {
		return TestIssuer.ALL_SCOPES.stream().filter((other) -> !other.equals(scope)).toArray(String[]::new);
	}

	/** The OpenAPI document, read as JSON. */
	private record Document(JsonNode root) {

		Document(HttpJson.Answer answer) {
			this(answer.body());
			assertEquals(200, answer.status(), () -> "GET /v3/api-docs: " + answer);
			assertTrue(root().path("openapi").asText().startsWith("3."), () -> "not OpenAPI: " + answer);
		}

		Set<String> operations() {
			Set<String> operations = new TreeSet<>();
			this.root.path("paths")
				.fields()
				.forEachRemaining((path) -> METHODS.stream()
					.filter((method) -> path.getValue().has(method))
					.forEach((method) -> operations.add(method.toUpperCase() + " " + path.getKey())));
			return operations;
		}

		/** Every documented answer, as {@code "GET /path 200"}. */
		Set<String> answers() {
			Set<String> answers = new TreeSet<>();
			for (String operation : operations()) {
				operation(operation).path("responses")
					.fieldNames()
					.forEachRemaining((status) -> answers.add(operation + " " + status));
			}
			return answers;
		}

		JsonNode operation(String operation) {
			String method = operation.substring(0, operation.indexOf(' ')).toLowerCase();
			String path = operation.substring(operation.indexOf(' ') + 1);
			JsonNode node = this.root.path("paths").path(path).path(method);
			assertFalse(node.isMissingNode(), () -> operation + " is not documented");
			return node;
		}

		/**
		 * The scope the document says the operation needs (its bearer-token requirement).
		 */
		String scope(String operation) {
			for (JsonNode requirement : operation(operation).path("security")) {
				Iterator<JsonNode> scopes = requirement.elements();
				if (scopes.hasNext()) {
					JsonNode scope = scopes.next();
					if (scope.size() == 1) {
						return scope.get(0).asText();
					}
				}
			}
			return fail(operation + " documents no security requirement with one scope");
		}

		List<String> queryParameters(String operation) {
			List<String> names = new ArrayList<>();
			for (JsonNode parameter : operation(operation).path("parameters")) {
				JsonNode resolved = resolve(parameter);
				if (resolved.path("in").asText().equals("query")) {
					names.add(resolved.path("name").asText());
				}
			}
			return names;
		}

		JsonNode schema(String operation, int status, String contentType) {
			JsonNode response = operation(operation).path("responses").path(Integer.toString(status));
			assertFalse(response.isMissingNode(),
					() -> operation + " answered " + status + ", which is not documented");
			JsonNode content = response.path("content");
			assertFalse(content.isMissingNode() && !contentType.isEmpty(),
					() -> operation + " " + status + " documents no body, but the answer is " + contentType);
			Iterator<Map.Entry<String, JsonNode>> types = content.fields();
			while (types.hasNext()) {
				Map.Entry<String, JsonNode> type = types.next();
				if (contentType.startsWith(type.getKey())) {
					return type.getValue().path("schema");
				}
			}
			return fail(
					operation + " " + status + " documents " + content.fieldNames() + ", the answer is " + contentType);
		}

		void assertExamplesFit() {
			for (String operation : operations()) {
				JsonNode node = operation(operation);
				List<JsonNode> contents = new ArrayList<>();
				contents.add(node.path("requestBody").path("content"));
				node.path("responses").forEach((response) -> contents.add(response.path("content")));
				for (JsonNode content : contents) {
					content.fields().forEachRemaining((type) -> {
						JsonNode schema = type.getValue().path("schema");
						type.getValue().path("examples").fields().forEachRemaining((example) -> {
							JsonNode value = example.getValue().path("value");
							assertFits(value.isTextual() ? parse(value.asText()) : value, schema, false,
									operation + " example " + example.getKey());
						});
					});
				}
			}
		}

		private static JsonNode parse(String text) {
			try {
				return JSON.readTree(text);
			}
			catch (com.fasterxml.jackson.core.JacksonException ex) {
				throw new AssertionError("An example is not JSON: " + text, ex);
			}
		}

		JsonNode resolve(JsonNode schema) {
			String ref = schema.path("$ref").asText(null);
			if (ref == null) {
				return schema;
			}
			assertTrue(ref.startsWith("#/"), ref);
			JsonNode target = this.root.at(ref.substring(1));
			assertFalse(target.isMissingNode(), () -> "dangling reference " + ref);
			return resolve(target);
		}

		/**
		 * The value fits the schema: its JSON type, for an object its fields (documented,
		 * the required ones there; with {@code exact}, all of them), for a map and an
		 * array each value.
		 */
		void assertFits(JsonNode value, JsonNode schemaOrRef, boolean exact, String where) {
			assertNotNull(value, where);
			JsonNode schema = resolve(schemaOrRef);
			Set<String> types = types(schema);
			if (!types.isEmpty()) {
				assertTrue(types.contains(type(value)),
						() -> where + ": a " + type(value) + " where the document says " + types + ": " + value);
			}
			if (value.isObject() && schema.has("properties")) {
				Set<String> documented = names(schema.path("properties"));
				Set<String> actual = names(value);
				Set<String> undocumented = new TreeSet<>(actual);
				undocumented.removeAll(documented);
				assertTrue(undocumented.isEmpty(), () -> where + ": fields not documented: " + undocumented);
				Set<String> required = new TreeSet<>();
				schema.path("required").forEach((name) -> required.add(name.asText()));
				Set<String> missing = new TreeSet<>(exact ? documented : required);
				missing.removeAll(actual);
				assertTrue(missing.isEmpty(), () -> where + ": documented " + (exact ? "" : "required ")
						+ "fields missing: " + missing + " in " + value);
				actual.forEach((name) -> assertFits(value.get(name), schema.path("properties").path(name), exact,
						where + "." + name));
			}
			else if (value.isObject() && schema.path("additionalProperties").isObject()) {
				value.fields()
					.forEachRemaining((entry) -> assertFits(entry.getValue(), schema.path("additionalProperties"),
							exact, where + "." + entry.getKey()));
			}
			else if (value.isArray() && schema.has("items")) {
				for (JsonNode item : value) {
					assertFits(item, schema.path("items"), exact, where + "[]");
				}
			}
			else if (value.isTextual()) {
				assertTextFits(value.asText(), schema, where);
			}
		}

		private static void assertTextFits(String text, JsonNode schema, String where) {
			if (schema.has("enum")) {
				Set<String> allowed = new TreeSet<>();
				schema.path("enum").forEach((item) -> allowed.add(item.asText()));
				assertTrue(allowed.contains(text), () -> where + ": '" + text + "' is none of " + allowed);
			}
			try {
				switch (schema.path("format").asText()) {
					case "date-time" -> OffsetDateTime.parse(text);
					case "date" -> LocalDate.parse(text);
					default -> {
					}
				}
			}
			catch (DateTimeParseException ex) {
				fail(where + ": '" + text + "' is not a " + schema.path("format").asText());
			}
		}

		private static Set<String> types(JsonNode schema) {
			Set<String> types = new TreeSet<>();
			JsonNode type = schema.path("type");
			if (type.isTextual()) {
				types.add(type.asText());
			}
			type.forEach((item) -> types.add(item.asText()));
			if (types.contains("number")) {
				types.add("integer");
			}
			return types;
		}

		private static String type(JsonNode value) {
			if (value.isIntegralNumber()) {
				return "integer";
			}
			return switch (value.getNodeType()) {
				case STRING -> "string";
				case NUMBER -> "number";
				case BOOLEAN -> "boolean";
				case ARRAY -> "array";
				case OBJECT -> "object";
				case NULL -> "null";
				default -> value.getNodeType().name();
			};
		}

		private static Set<String> names(JsonNode object) {
			Set<String> names = new TreeSet<>();
			object.fieldNames().forEachRemaining(names::add);
			return names;
		}

	}

}
