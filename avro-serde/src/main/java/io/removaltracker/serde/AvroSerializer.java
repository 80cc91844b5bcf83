package io.removaltracker.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.removaltracker.serde.registry.SchemaCompatibilityReport;
import io.removaltracker.serde.registry.SchemaRegistryClient;
import io.removaltracker.serde.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (specific or generic) in the Confluent wire format. The schema is
 * registered under the configured subject ({@code auto.register.schemas}, the default),
 * looked up there, or replaced by the subject's latest version
 * ({@code use.latest.version}); the id and writer are then cached per subject and schema,
 * so the registry is asked once.
 */
public class AvroSerializer<T> implements Serializer<T> {

	private SchemaRegistryClient registry;

	private SerdeConfig config;

	private boolean isKey;

	private final Map<SubjectAndSchema, Target> targets = new ConcurrentHashMap<>();

	/**
	 * The last topic and schema resolved: a producer or stream writes one record type to
	 * one topic over and over, and this spares building and hashing the subject name per
	 * record.
	 */
	private volatile LastResolved last;

	/** For Kafka, which configures it from client properties. */
	public AvroSerializer() {
	}

	/**
	 * With a given registry client; {@link #configure} then only reads the other
	 * settings.
	 */
	public AvroSerializer(SchemaRegistryClient registry) {
		this.registry = registry;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.config = SerdeConfig.from(configs);
		this.isKey = isKey;
		if (this.registry == null) {
			this.registry = this.config.createClient();
		}
	}

	@Override
	public byte[] serialize(String topic, T data) {
		if (data == null) {
			return null;
		}
		if (this.config == null) {
			throw new IllegalStateException("AvroSerializer used before configure(); set schema.registry.url");
		}
		if (!(data instanceof GenericContainer container)) {
			throw new SerializationException("Cannot serialize " + data.getClass().getName() + " to topic '" + topic
					+ "': only Avro records (specific or generic) are supported");
		}
		Schema schema = container.getSchema();
		Target target = targetFor(topic, schema);
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		WireFormat.writeHeader(out, target.schemaId());
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
		try {
			target.writer().write(data, encoder);
			encoder.flush();
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException(
					"Cannot serialize a " + schema.getFullName() + " to topic '" + topic + "': " + ex.getMessage(), ex);
		}
		return out.toByteArray();
	}

	private Target targetFor(String topic, Schema schema) {
		LastResolved recent = this.last;
		if (recent != null && recent.schema() == schema && recent.topic().equals(topic)) {
			return recent.target();
		}
		String subject = this.config.subjectStrategy(this.isKey).subject(topic, this.isKey, schema);
		Target target = this.targets.computeIfAbsent(new SubjectAndSchema(subject, schema), this::resolve);
		this.last = new LastResolved(topic, schema, target);
		return target;
	}

	private Target resolve(SubjectAndSchema key) {
		String subject = key.subject();
		Schema schema = key.schema();
		try {
			if (this.config.autoRegisterSchemas()) {
				return new Target(this.registry.register(subject, schema), writerFor(schema));
			}
			if (this.config.useLatestVersion()) {
				var latest = this.registry.latest(subject);
				List<String> problems = SchemaCompatibilityReport.check(latest.schema(), schema);
				if (!problems.isEmpty()) {
					throw new SerializationException(
							"Cannot write a " + schema.getFullName() + " with the latest schema of '" + subject
									+ "' (version " + latest.version() + "): " + String.join("; ", problems));
				}
				return new Target(latest.id(), writerFor(latest.schema()));
			}
			return new Target(this.registry.lookup(subject, schema).id(), writerFor(schema));
		}
		catch (SchemaRegistryException ex) {
			if (ex.isTransient()) {
				throw new RegistryUnavailableException(
						"Cannot get a schema id for subject '" + subject + "' now: " + ex.getMessage(), ex);
			}
			throw new SerializationException("Cannot get a schema id for subject '" + subject + "': " + ex.getMessage(),
					ex);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static DatumWriter<Object> writerFor(Schema schema) {
		// The specific writer also writes generic records; the generic one cannot write
		// the enums and strings of generated classes.
		return isGeneratedClass(schema) ? (DatumWriter) new SpecificDatumWriter<SpecificRecord>(schema)
				: new GenericDatumWriter<>(schema);
	}

	private static boolean isGeneratedClass(Schema schema) {
		return org.apache.avro.specific.SpecificData.get().getClass(schema) != null;
	}

	private record SubjectAndSchema(String subject, Schema schema) {
	}

	private record Target(int schemaId, DatumWriter<Object> writer) {
	}

	private record LastResolved(String topic, Schema schema, Target target) {
	}

}
