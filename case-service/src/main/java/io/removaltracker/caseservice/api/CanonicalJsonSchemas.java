package io.removaltracker.caseservice.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.removaltracker.events.cases.CaseEvent;
import io.removaltracker.events.cases.CaseState;
import io.removaltracker.events.intake.IntakeEvent;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema.Field;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * The OpenAPI schemas of the JSON that {@link CanonicalJson} writes and
 * {@link IntakeJson} reads, walked from the same Avro schemas, so a field added to the
 * event contract shows in the document without a word written here: the common fields,
 * the fields of every payload type beside them (each present for the types that carry
 * it), and the case.
 */
@Component
class CanonicalJsonSchemas implements OpenApiCustomizer {

	static final String INTAKE_EVENT = "IntakeEvent";

	static final String CASE_EVENT = "CaseEvent";

	static final String CASE_STATE = "CaseState";

	static final String REF = "#/components/schemas/";

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents()
			.addSchemas(INTAKE_EVENT,
					event(IntakeEvent.getClassSchema(),
							"An event of a case as an upstream system reports it. "
									+ "Fields beyond the contract's are ignored."))
			.addSchemas(CASE_EVENT,
					event(CaseEvent.getClassSchema(),
							"An accepted event in the case's canonical history, with " + "the case after it"))
			.addSchemas(CASE_STATE, caseState());
	}

	/** {@link CanonicalJson#caseState}: the case after its last event. */
	private static Schema<?> caseState() {
		Schema<?> state = record(CaseState.getClassSchema());
		Schema<?> json = new ObjectSchema().description("The case after its last event")
			.addProperty("caseId", new StringSchema())
			.addProperty("lastSequence", new IntegerSchema().format("int64").description("sequence of that event"));
		List<String> required = new ArrayList<>(List.of("caseId", "lastSequence"));
		state.getProperties().forEach(json::addProperty);
		required.addAll(state.getRequired());
		return json.required(required);
	}

	/**
	 * {@link CanonicalJson#event} and {@link IntakeJson}: the record's own fields, with
	 * the payload union's fields in place of {@code payload}.
	 */
	private static Schema<?> event(org.apache.avro.Schema avro, String description) {
		Schema<?> json = new ObjectSchema().description(description);
		List<String> required = new ArrayList<>();
		for (Field field : avro.getFields()) {
			if (field.name().equals("payload")) {
				payloadFields(field.schema()).forEach(json::addProperty);
			}
			else {
				json.addProperty(field.name(), describe(of(field.schema()), field.doc()));
				if (!isOptional(field.schema())) {
					required.add(field.name());
				}
			}
		}
		return json.required(required);
	}

	/** Every payload type's fields, each saying which types carry it. */
	private static Map<String, Schema<?>> payloadFields(org.apache.avro.Schema union) {
		Map<String, Schema<?>> fields = new LinkedHashMap<>();
		Map<String, List<String>> types = new LinkedHashMap<>();
		for (org.apache.avro.Schema branch : union.getTypes()) {
			for (Field field : branch.getFields()) {
				fields.computeIfAbsent(field.name(), (name) -> describe(of(field.schema()), field.doc()));
				types.computeIfAbsent(field.name(), (name) -> new ArrayList<>()).add(eventType(branch.getName()));
			}
		}
		fields.forEach((name, schema) -> {
			String carriedBy = "With type " + String.join(", ", types.get(name)) + ".";
			schema
				.description((schema.getDescription() != null) ? carriedBy + " " + schema.getDescription() : carriedBy);
		});
		return fields;
	}

	/** {@code CaseOpened} is the payload of {@code CASE_OPENED}. */
	private static String eventType(String recordName) {
		return recordName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

	private static Schema<?> record(org.apache.avro.Schema avro) {
		Schema<?> json = new ObjectSchema().description(avro.getDoc());
		List<String> required = new ArrayList<>();
		for (Field field : avro.getFields()) {
			json.addProperty(field.name(), describe(of(field.schema()), field.doc()));
			if (!isOptional(field.schema())) {
				required.add(field.name());
			}
		}
		return json.required(required);
	}

	/**
	 * As {@link CanonicalJson} writes a value: numbers and booleans as they are, the rest
	 * as text.
	 */
	private static Schema<?> of(org.apache.avro.Schema avro) {
		LogicalType logical = avro.getLogicalType();
		return switch (avro.getType()) {
			case STRING -> new StringSchema();
			case BOOLEAN -> new BooleanSchema();
			case LONG -> (logical != null && logical.getName().startsWith("timestamp"))
					? new StringSchema().format("date-time") : new IntegerSchema().format("int64");
			case INT -> (logical != null && logical.getName().equals("date")) ? new StringSchema().format("date")
					: new IntegerSchema();
			case ENUM -> {
				StringSchema symbols = new StringSchema();
				avro.getEnumSymbols().forEach(symbols::addEnumItem);
				yield symbols;
			}
			case ARRAY -> new ArraySchema().items(of(avro.getElementType()));
			case RECORD -> record(avro);
			case UNION -> of(avro.getTypes()
				.stream()
				.filter((branch) -> branch.getType() != org.apache.avro.Schema.Type.NULL)
				.findFirst()
				.orElseThrow());
			default -> throw new IllegalStateException("No JSON form for the Avro type " + avro.getType());
		};
	}

	/** A null field is left out of the JSON. */
	private static boolean isOptional(org.apache.avro.Schema avro) {
		return avro.getType() == org.apache.avro.Schema.Type.UNION
				&& avro.getTypes().stream().anyMatch((branch) -> branch.getType() == org.apache.avro.Schema.Type.NULL);
	}

	private static Schema<?> describe(Schema<?> schema, String doc) {
		return (doc != null) ? schema.description(doc) : schema;
	}

}
