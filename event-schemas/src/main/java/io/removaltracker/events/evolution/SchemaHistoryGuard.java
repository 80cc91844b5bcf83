package io.removaltracker.events.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.removaltracker.events.Topic;
import io.removaltracker.events.Topics;
import io.removaltracker.serde.registry.CompatibilityLevel;
import io.removaltracker.serde.registry.RegisteredSchema;
import org.apache.avro.Schema;

/**
 * Checks each topic's current value schema against every published version kept under
 * {@code <history>/<subject>/v<N>.avsc}: the current schema must read data written with
 * each of them (BACKWARD_TRANSITIVE, by Avro's own rules), and must itself be recorded
 * there, so that every version services may publish is kept. Run by the build in
 * {@code process-classes}; {@code -Dschemas.record=true} records a changed, compatible
 * schema as the next version.
 */
public final class SchemaHistoryGuard {

	private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

	private final Path history;

	public SchemaHistoryGuard(Path history) {
		this.history = history;
	}

	public static void main(String[] args) {
		Path history = Path.of(args[0]);
		boolean record = args.length > 1 && Boolean.parseBoolean(args[1]);
		Map<String, Schema> current = new LinkedHashMap<>();
		for (Topic<?> topic : Topics.all()) {
			topic.valueSchema().ifPresent((schema) -> current.put(topic.valueSubject(), schema));
		}
		List<String> failures = new SchemaHistoryGuard(history).check(current, record);
		if (!failures.isEmpty()) {
			throw new IllegalStateException("Schema evolution guard failed:\n  - " + String.join("\n  - ", failures));
		}
		System.out.println("[schema-history] " + current.size() + " subjects readable back to every published version");
	}

	/**
	 * Every problem found, in words naming the subject, the version, the field and the
	 * rule; empty when all is well. With {@code record}, a compatible changed schema is
	 * written as the next version instead of being reported.
	 */
	public List<String> check(Map<String, Schema> currentBySubject, boolean record) {
		List<String> failures = new ArrayList<>();
		currentBySubject.forEach((subject, current) -> {
			List<RegisteredSchema> published = published(subject);
			List<String> violations = CompatibilityLevel.BACKWARD_TRANSITIVE.violations(current, published);
			violations.forEach((violation) -> failures.add(subject + ": " + violation));
			boolean recorded = !published.isEmpty()
					&& published.get(published.size() - 1).schema().toString().equals(current.toString());
			if (recorded || !violations.isEmpty()) {
				return;
			}
			int next = published.isEmpty() ? 1 : published.get(published.size() - 1).version() + 1;
			if (record) {
				write(subject, next, current);
				System.out.println("[schema-history] recorded " + subject + " v" + next);
			}
			else {
				failures.add(subject + ": the current schema is not recorded as a published version; record it as v"
						+ next + " with ./mvnw -pl event-schemas process-classes -Dschemas.record=true");
			}
		});
		return failures;
	}

	/** The published versions of a subject, oldest first. */
	List<RegisteredSchema> published(String subject) {
		Path dir = this.history.resolve(subject);
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		List<RegisteredSchema> versions = new ArrayList<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					Schema schema = new Schema.Parser().parse(Files.readString(file));
					versions.add(new RegisteredSchema(subject, Integer.parseInt(matcher.group(1)), 0, schema));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read published schemas in " + dir, ex);
		}
		versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
		return versions;
	}

	private void write(String subject, int version, Schema schema) {
		try {
			Path dir = Files.createDirectories(this.history.resolve(subject));
			Files.writeString(dir.resolve("v" + version + ".avsc"), schema.toString(true) + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot record " + subject + " v" + version, ex);
		}
	}

}
