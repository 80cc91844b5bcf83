package io.removaltracker.events.evolution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.removaltracker.events.cases.CaseEvent;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema-evolution guard, fed deliberately incompatible changes of the real canonical
 * event schema, and the repository's own history, which must pass.
 */
class SchemaHistoryGuardTest {

	private static final String SUBJECT = "case-events-value";

	private static final String SOURCE = "{\"name\": \"source\", \"type\": [\"null\", {\"type\": \"string\","
			+ " \"avro.java.string\": \"String\"}], \"default\": null}";

	@TempDir
	Path history;

	@Test
	void repositoryHistoryAcceptsTheCurrentSchemas() {
		Path repositoryHistory = Path.of("src/main/schema-history");
		Map<String, Schema> current = Map.of(SUBJECT, CaseEvent.getClassSchema());

		assertThat(new SchemaHistoryGuard(repositoryHistory).check(current, false)).isEmpty();
	}

	@Test
	void requiredFieldAddedInsideAPayloadFailsNamingTheFieldAndTheRule() throws Exception {
		publish(1, CaseEvent.getClassSchema());
		Schema changed = edit(CaseEvent.getClassSchema(), "\"name\": \"Removed\", \"fields\": [",
				"\"name\": \"Removed\", \"fields\": [{\"name\": \"escortCount\", \"type\": \"int\"}, ");

		List<String> failures = new SchemaHistoryGuard(this.history).check(Map.of(SUBJECT, changed), false);

		assertThat(failures).isNotEmpty()
			.allSatisfy((failure) -> assertThat(failure).startsWith(SUBJECT + ": ")
				.contains("version 1")
				.contains("'CaseEvent.")
				.contains("'CaseEvent.payload.Removed.escortCount'")
				.contains("needs a default value"));
	}

	@Test
	void narrowedTypeFailsNamingTheField() throws Exception {
		publish(1, CaseEvent.getClassSchema());
		Schema changed = edit(CaseEvent.getClassSchema(), "{\"name\":\"sequence\", \"type\": \"long\"",
				"{\"name\":\"sequence\", \"type\": \"int\"");

		assertThat(new SchemaHistoryGuard(this.history).check(Map.of(SUBJECT, changed), false)).singleElement()
			.asString()
			.contains("field 'CaseEvent.sequence'")
			.contains("TYPE_MISMATCH");
	}

	@Test
	void everyPublishedVersionIsCheckedNotOnlyTheLatest() throws Exception {
		Schema v1 = CaseEvent.getClassSchema();
		Schema v2WithoutSource = edit(v1, SOURCE + ",", "");
		publish(1, v1);
		publish(2, v2WithoutSource);
		Schema v3SourceRequired = edit(v1, SOURCE, "{\"name\": \"source\", \"type\": \"string\"}");

		List<String> failures = new SchemaHistoryGuard(this.history).check(Map.of(SUBJECT, v3SourceRequired), false);

		assertThat(failures)
			.anySatisfy((failure) -> assertThat(failure).contains("version 1").contains("CaseEvent.source"));
		assertThat(failures)
			.anySatisfy((failure) -> assertThat(failure).contains("version 2").contains("CaseEvent.source"));
	}

	@Test
	void compatibleChangeMustBeRecordedAndIsRecordedOnRequest() throws Exception {
		publish(1, CaseEvent.getClassSchema());
		Schema withOptionalField = edit(CaseEvent.getClassSchema(), "{\"name\":\"sequence\", \"type\": \"long\"",
				"{\"name\":\"officer\", \"type\": [\"null\", \"string\"], \"default\": null}, {\"name\": \"sequence\", \"type\": \"long\"");
		SchemaHistoryGuard guard = new SchemaHistoryGuard(this.history);

		assertThat(guard.check(Map.of(SUBJECT, withOptionalField), false)).singleElement()
			.asString()
			.contains("not recorded")
			.contains("v2")
			.contains("-Dschemas.record=true");
		assertThat(guard.check(Map.of(SUBJECT, withOptionalField), true)).isEmpty();
		assertThat(this.history.resolve(SUBJECT).resolve("v2.avsc")).exists();
		assertThat(guard.check(Map.of(SUBJECT, withOptionalField), false)).isEmpty();
	}

	@Test
	void incompatibleChangeIsNeverRecorded() throws Exception {
		publish(1, CaseEvent.getClassSchema());
		Schema changed = edit(CaseEvent.getClassSchema(), "{\"name\":\"sequence\", \"type\": \"long\"",
				"{\"name\":\"sequence\", \"type\": \"string\"");

		assertThat(new SchemaHistoryGuard(this.history).check(Map.of(SUBJECT, changed), true)).isNotEmpty();
		assertThat(this.history.resolve(SUBJECT).resolve("v2.avsc")).doesNotExist();
	}

	@Test
	void subjectWithNoHistoryAsksToBeRecorded() {
		assertThat(new SchemaHistoryGuard(this.history).check(Map.of(SUBJECT, CaseEvent.getClassSchema()), false))
			.singleElement()
			.asString()
			.contains("record it as v1");
	}

	private void publish(int version, Schema schema) throws Exception {
		Path dir = Files.createDirectories(this.history.resolve(SUBJECT));
		Files.writeString(dir.resolve("v" + version + ".avsc"), schema.toString(true));
	}

	/**
	 * The schema with one piece of its JSON replaced; fails if the piece is not there.
	 */
	private static Schema edit(Schema schema, String from, String to) {
		String json = withoutSpacing(schema.toString());
		assertThat(json).contains(withoutSpacing(from));
		return new Schema.Parser().parse(json.replace(withoutSpacing(from), withoutSpacing(to)));
	}

	/** JSON with the white space between tokens removed; text inside strings is kept. */
	private static String withoutSpacing(String json) {
		StringBuilder out = new StringBuilder(json.length());
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\')) {
				inString = !inString;
			}
			if (inString || !Character.isWhitespace(c)) {
				out.append(c);
			}
		}
		return out.toString();
	}

}
