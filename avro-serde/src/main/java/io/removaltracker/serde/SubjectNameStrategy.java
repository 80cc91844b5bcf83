package io.removaltracker.serde;

import java.util.Locale;

import org.apache.avro.Schema;

/**
 * How a serde names the subject a schema is registered under, as Confluent's strategies
 * do. Configured by Confluent's class names or by the short names {@code topic},
 * {@code record}, {@code topic-record}.
 */
public enum SubjectNameStrategy {

	/**
	 * {@code <topic>-value} or {@code <topic>-key}: one evolving schema per topic (the
	 * default).
	 */
	TOPIC("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
	/** The record's full name: one schema per record type, on any topic. */
	RECORD("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
	/** {@code <topic>-<record full name>}: one schema per record type per topic. */
	TOPIC_RECORD("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

	private final String confluentClassName;

	SubjectNameStrategy(String confluentClassName) {
		this.confluentClassName = confluentClassName;
	}

	public String subject(String topic, boolean isKey, Schema schema) {
		return switch (this) {
			case TOPIC -> topic + (isKey ? "-key" : "-value");
			case RECORD -> schema.getFullName();
			case TOPIC_RECORD -> topic + "-" + schema.getFullName();
		};
	}

	static SubjectNameStrategy parse(String value) {
		String name = value.trim();
		for (SubjectNameStrategy strategy : values()) {
			if (strategy.confluentClassName.equals(name)
					|| strategy.name().replace('_', '-').equals(name.toUpperCase(Locale.ROOT))
					|| strategy.name().equals(name.toUpperCase(Locale.ROOT))) {
				return strategy;
			}
		}
		throw new IllegalArgumentException("Unknown subject name strategy '" + value
				+ "'; use topic, record, topic-record or one of Confluent's TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy");
	}

}
