package io.removaltracker.serde.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRegistryTest {

	static final Schema PERSON_V1 = new Schema.Parser()
		.parse("{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}");

	static final Schema PERSON_V2_OPTIONAL_AGE = new Schema.Parser()
		.parse("{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
				+ "{\"name\":\"age\",\"type\":[\"null\",\"int\"],\"default\":null}]}");

	static final Schema PERSON_REQUIRED_AGE = new Schema.Parser()
		.parse("{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
				+ "{\"name\":\"age\",\"type\":\"int\"}]}");

	@Test
	void registeringTheSameSchemaTwiceReturnsTheSameIdAndVersion() {
		InMemoryRegistry registry = new InMemoryRegistry();

		int first = registry.register("people-value", PERSON_V1);
		int second = registry.register("people-value", PERSON_V1);

		assertThat(second).isEqualTo(first);
		assertThat(registry.versions("people-value")).containsExactly(1);
	}

	@Test
	void theSameSchemaHasOneIdInEverySubject() {
		InMemoryRegistry registry = new InMemoryRegistry();

		int inPeople = registry.register("people-value", PERSON_V1);
		int inOthers = registry.register("others-value", PERSON_V1);

		assertThat(inOthers).isEqualTo(inPeople);
		assertThat(registry.subjects()).containsExactly("others-value", "people-value");
	}

	@Test
	void compatibleChangeBecomesTheNextVersionWithANewId() {
		InMemoryRegistry registry = new InMemoryRegistry();
		int v1 = registry.register("people-value", PERSON_V1);

		int v2 = registry.register("people-value", PERSON_V2_OPTIONAL_AGE);

		assertThat(v2).isNotEqualTo(v1);
		assertThat(registry.latest("people-value").version()).isEqualTo(2);
		assertThat(registry.version("people-value", 1).schema()).isEqualTo(PERSON_V1);
		assertThat(registry.schemaById(v2)).isEqualTo(PERSON_V2_OPTIONAL_AGE);
	}

	@Test
	void backwardIncompatibleChangeIsRefusedWith409NamingTheField() {
		InMemoryRegistry registry = new InMemoryRegistry();
		registry.register("people-value", PERSON_V1);

		assertThatThrownBy(() -> registry.register("people-value", PERSON_REQUIRED_AGE))
			.isInstanceOfSatisfying(SchemaRegistryException.class, (ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(409);
				assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
			})
			.hasMessageContaining("field 'Person.age'")
			.hasMessageContaining("needs a default value");
		assertThat(registry.versions("people-value")).containsExactly(1);
	}

	@Test
	void levelNoneAcceptsAnyChange() {
		InMemoryRegistry registry = new InMemoryRegistry();
		registry.register("people-value", PERSON_V1);
		registry.setCompatibility("people-value", CompatibilityLevel.NONE);

		registry.register("people-value", PERSON_REQUIRED_AGE);

		assertThat(registry.versions("people-value")).containsExactly(1, 2);
		assertThat(registry.compatibility("people-value")).isEqualTo(CompatibilityLevel.NONE);
		assertThat(registry.compatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
	}

	@Test
	void missingSubjectVersionAndIdAnswerWithConfluentCodes() {
		InMemoryRegistry registry = new InMemoryRegistry();
		registry.register("people-value", PERSON_V1);

		assertThatThrownBy(() -> registry.latest("nobody-value")).isInstanceOfSatisfying(SchemaRegistryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(40401));
		assertThatThrownBy(() -> registry.version("people-value", 7))
			.isInstanceOfSatisfying(SchemaRegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(40402));
		assertThatThrownBy(() -> registry.schemaById(99)).isInstanceOfSatisfying(SchemaRegistryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(40403));
		assertThatThrownBy(() -> registry.lookup("people-value", PERSON_REQUIRED_AGE))
			.isInstanceOfSatisfying(SchemaRegistryException.class, (ex) -> assertThat(ex.errorCode()).isEqualTo(40403));
	}

	@Test
	void journalSeesEachChangeBeforeItIsApplied() {
		List<String> journaled = new ArrayList<>();
		InMemoryRegistry registry = new InMemoryRegistry(new RegistryJournal() {
			@Override
			public void schemaRegistered(RegisteredSchema registered) {
				journaled.add(registered.subject() + " v" + registered.version() + " id " + registered.id());
			}

			@Override
			public void compatibilitySet(String subject, CompatibilityLevel level) {
				journaled.add(subject + " " + level);
			}
		});

		registry.register("people-value", PERSON_V1);
		registry.register("people-value", PERSON_V1);
		registry.setCompatibility("people-value", CompatibilityLevel.FULL);

		assertThat(journaled).containsExactly("people-value v1 id 1", "people-value FULL");
	}

	@Test
	void failingJournalLeavesTheRegistryUnchanged() {
		InMemoryRegistry registry = new InMemoryRegistry(new RegistryJournal() {
			@Override
			public void schemaRegistered(RegisteredSchema registered) {
				throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR, "store down");
			}

			@Override
			public void compatibilitySet(String subject, CompatibilityLevel level) {
			}
		});

		assertThatThrownBy(() -> registry.register("people-value", PERSON_V1)).hasMessageContaining("store down");
		assertThat(registry.subjects()).isEmpty();
	}

	@Test
	void replayingAJournalRebuildsTheSameRegistry() {
		InMemoryRegistry original = new InMemoryRegistry();
		original.register("people-value", PERSON_V1);
		original.register("people-value", PERSON_V2_OPTIONAL_AGE);
		InMemoryRegistry rebuilt = new InMemoryRegistry();

		for (int version : original.versions("people-value")) {
			RegisteredSchema registered = original.version("people-value", version);
			rebuilt.apply(registered);
			rebuilt.apply(registered);
		}

		assertThat(rebuilt.versions("people-value")).containsExactly(1, 2);
		assertThat(rebuilt.register("people-value", PERSON_V2_OPTIONAL_AGE))
			.isEqualTo(original.lookup("people-value", PERSON_V2_OPTIONAL_AGE).id());
	}

	@Test
	void mockScopesAreIsolatedAndResettable() {
		String a = "scope-a-" + UUID.randomUUID();
		String b = "scope-b-" + UUID.randomUUID();
		MockSchemaRegistry.forScope(a).register("people-value", PERSON_V1);

		assertThat(MockSchemaRegistry.forScope(a).subjects()).containsExactly("people-value");
		assertThat(MockSchemaRegistry.forScope(b).subjects()).isEmpty();

		MockSchemaRegistry.dropScope(a);
		assertThat(MockSchemaRegistry.forScope(a).subjects()).isEmpty();
		MockSchemaRegistry.dropScope(a);
		MockSchemaRegistry.dropScope(b);
	}

}
