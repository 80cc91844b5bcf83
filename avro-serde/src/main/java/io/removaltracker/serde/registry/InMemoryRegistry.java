package io.removaltracker.serde.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.Schema;

/**
 * The rules of a Confluent-compatible schema registry, held in memory: subjects hold
 * numbered versions; the same schema gets the same global id in every subject; a
 * registration is checked against the subject's compatibility level (BACKWARD unless set)
 * and refused with 409 when it breaks it. Used as the {@code mock://} registry and, with
 * a Kafka journal, by the development registry server, so both follow one set of rules.
 */
public final class InMemoryRegistry implements SchemaRegistryClient {

	private final RegistryJournal journal;

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	/**
	 * Keyed by Avro's full JSON form, so a schema differing only in a default is a new
	 * one.
	 */
	private final Map<String, Integer> idsBySchemaText = new HashMap<>();

	private final Map<String, List<RegisteredSchema>> versionsBySubject = new TreeMap<>();

	private final Map<String, CompatibilityLevel> levelsBySubject = new HashMap<>();

	private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

	public InMemoryRegistry() {
		this(RegistryJournal.NONE);
	}

	public InMemoryRegistry(RegistryJournal journal) {
		this.journal = journal;
	}

	@Override
	public synchronized int register(String subject, Schema schema) {
		RegisteredSchema existing = findInSubject(subject, schema);
		if (existing != null) {
			return existing.id();
		}
		List<RegisteredSchema> earlier = versionsBySubject.getOrDefault(subject, List.of());
		List<String> violations = compatibility(subject).violations(schema, earlier);
		if (!violations.isEmpty()) {
			throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
					"Schema being registered is incompatible with an earlier schema for subject '" + subject + "' ("
							+ compatibility(subject) + "): " + String.join("; ", violations));
		}
		Integer id = this.idsBySchemaText.get(schema.toString());
		int newId = (id != null) ? id : nextId();
		int version = earlier.isEmpty() ? 1 : earlier.get(earlier.size() - 1).version() + 1;
		RegisteredSchema registered = new RegisteredSchema(subject, version, newId, schema);
		this.journal.schemaRegistered(registered);
		apply(registered);
		return newId;
	}

	/**
	 * Puts an already-accepted registration into memory without checks: for rebuilding
	 * from a journal. Applying the same record twice changes nothing.
	 */
	public synchronized void apply(RegisteredSchema registered) {
		this.schemasById.putIfAbsent(registered.id(), registered.schema());
		this.idsBySchemaText.putIfAbsent(registered.schema().toString(), registered.id());
		List<RegisteredSchema> versions = this.versionsBySubject.computeIfAbsent(registered.subject(),
				(s) -> new ArrayList<>());
		if (versions.stream().noneMatch((v) -> v.version() == registered.version())) {
			versions.add(registered);
			versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
		}
	}

	/** Puts an already-accepted level into memory: for rebuilding from a journal. */
	public synchronized void applyCompatibility(String subject, CompatibilityLevel level) {
		if (subject == null) {
			this.globalLevel = level;
		}
		else {
			this.levelsBySubject.put(subject, level);
		}
	}

	@Override
	public synchronized RegisteredSchema lookup(String subject, Schema schema) {
		if (!this.versionsBySubject.containsKey(subject)) {
			throw SchemaRegistryException.subjectNotFound(subject);
		}
		RegisteredSchema found = findInSubject(subject, schema);
		if (found == null) {
			throw SchemaRegistryException.schemaNotFound("under subject '" + subject + "'");
		}
		return found;
	}

	@Override
	public synchronized Schema schemaById(int id) {
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw SchemaRegistryException.schemaNotFound("with id " + id);
		}
		return schema;
	}

	@Override
	public synchronized RegisteredSchema latest(String subject) {
		List<RegisteredSchema> versions = existingVersions(subject);
		return versions.get(versions.size() - 1);
	}

	@Override
	public synchronized RegisteredSchema version(String subject, int version) {
		return existingVersions(subject).stream()
			.filter((v) -> v.version() == version)
			.findFirst()
			.orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, String.valueOf(version)));
	}

	@Override
	public synchronized List<String> subjects() {
		return List.copyOf(this.versionsBySubject.keySet());
	}

	@Override
	public synchronized List<Integer> versions(String subject) {
		return existingVersions(subject).stream().map(RegisteredSchema::version).toList();
	}

	@Override
	public synchronized List<String> compatibilityViolations(String subject, Schema schema) {
		return compatibility(subject).violations(schema, this.versionsBySubject.getOrDefault(subject, List.of()));
	}

	/**
	 * Violations against one given version only, as
	 * {@code POST /compatibility/.../versions/N} asks.
	 */
	public synchronized List<String> compatibilityViolations(String subject, int version, Schema schema) {
		RegisteredSchema against = version(subject, version);
		return compatibility(subject).violations(schema, List.of(against));
	}

	@Override
	public synchronized CompatibilityLevel compatibility(String subject) {
		if (subject == null) {
			return this.globalLevel;
		}
		return this.levelsBySubject.getOrDefault(subject, this.globalLevel);
	}

	/** The level set on the subject itself, or null when it follows the global level. */
	public synchronized CompatibilityLevel subjectCompatibility(String subject) {
		return this.levelsBySubject.get(subject);
	}

	@Override
	public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
		this.journal.compatibilitySet(subject, level);
		applyCompatibility(subject, level);
	}

	private RegisteredSchema findInSubject(String subject, Schema schema) {
		String text = schema.toString();
		for (RegisteredSchema version : this.versionsBySubject.getOrDefault(subject, List.of())) {
			if (version.schema().toString().equals(text)) {
				return version;
			}
		}
		return null;
	}

	private List<RegisteredSchema> existingVersions(String subject) {
		List<RegisteredSchema> versions = this.versionsBySubject.get(subject);
		if (versions == null || versions.isEmpty()) {
			throw SchemaRegistryException.subjectNotFound(subject);
		}
		return versions;
	}

	private int nextId() {
		return this.schemasById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
	}

}
