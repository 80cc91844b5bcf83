package io.removaltracker.serde.registry;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompatibilityLevelTest {

	private static final Schema STATUS_ABC = enumRecord("\"A\",\"B\",\"C\"");

	private static final Schema STATUS_AB = enumRecord("\"A\",\"B\"");

	@Test
	void removingAnEnumSymbolBreaksBackwardAndNamesTheField() {
		List<String> violations = CompatibilityLevel.BACKWARD.violations(STATUS_AB, versions(STATUS_ABC));

		assertThat(violations).singleElement()
			.asString()
			.contains("version 1")
			.contains("field 'Holder.status'")
			.contains("an enum symbol old data may hold cannot be removed")
			.contains("MISSING_ENUM_SYMBOLS");
	}

	@Test
	void addingAnEnumSymbolIsBackwardButNotForwardCompatible() {
		assertThat(CompatibilityLevel.BACKWARD.violations(STATUS_ABC, versions(STATUS_AB))).isEmpty();
		assertThat(CompatibilityLevel.FORWARD.violations(STATUS_ABC, versions(STATUS_AB))).singleElement()
			.asString()
			.startsWith("version 1 cannot read data written by the new schema");
	}

	@Test
	void nonTransitiveLevelsCheckOnlyTheLatestVersion() {
		Schema onlyName = InMemoryRegistryTest.PERSON_V1;
		Schema requiredAge = InMemoryRegistryTest.PERSON_REQUIRED_AGE;
		List<RegisteredSchema> history = List.of(new RegisteredSchema("s", 1, 1, onlyName),
				new RegisteredSchema("s", 2, 2, requiredAge));

		assertThat(CompatibilityLevel.BACKWARD.violations(requiredAge, history)).isEmpty();
		assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.violations(requiredAge, history)).singleElement()
			.asString()
			.contains("version 1")
			.contains("field 'Person.age'");
	}

	@Test
	void typeChangeInsideAUnionBranchIsNamedByItsPath() {
		Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Envelope\",\"fields\":["
				+ "{\"name\":\"payload\",\"type\":[{\"type\":\"record\",\"name\":\"Opened\",\"fields\":[{\"name\":\"count\",\"type\":\"long\"}]}]}]}");
		Schema v2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Envelope\",\"fields\":["
				+ "{\"name\":\"payload\",\"type\":[{\"type\":\"record\",\"name\":\"Opened\",\"fields\":[{\"name\":\"count\",\"type\":\"int\"}]}]}]}");

		assertThat(CompatibilityLevel.BACKWARD.violations(v2, versions(v1))).singleElement()
			.asString()
			.contains("field 'Envelope.payload.Opened.count'")
			.contains("TYPE_MISMATCH");
	}

	@Test
	void unknownLevelNameIsRefusedWith42203() {
		assertThat(CompatibilityLevel.parse(" full_transitive ")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
		assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
			.isInstanceOfSatisfying(SchemaRegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(42203));
	}

	private static List<RegisteredSchema> versions(Schema first) {
		return List.of(new RegisteredSchema("s", 1, 1, first));
	}

	private static Schema enumRecord(String symbols) {
		return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Holder\",\"fields\":[{\"name\":\"status\","
				+ "\"type\":{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[" + symbols + "]}}]}");
	}

}
