package io.removaltracker.localstack;

import java.util.ArrayList;
import java.util.List;

import io.removaltracker.events.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

/**
 * Who may do what on the local stack's broker (docs/contract.md, Access): one writer per
 * topic, upstream systems write {@code case-intake} and nothing else, an auditor reads
 * {@code access-audit}, the registry alone holds {@code _schemas}, and each service owns
 * what its application id names (its consumer group, transactional ids, internal and
 * dead-letter topics). Everything not allowed here is refused
 * ({@code allow.everyone.if.no.acl.found=false}); the admin and the brokers are super
 * users and need no ACL.
 * <p>
 * A service also describes each topic it declares and reads its configuration (Spring's
 * {@code KafkaAdmin} and the declared-topics check at start), hence {@code DESCRIBE} and
 * {@code DESCRIBE_CONFIGS} beside the reads and writes.
 */
final class KafkaAcls {

	/** The schema registry's topic (its {@code registry.topic}). */
	static final String SCHEMAS_TOPIC = "_schemas";

	/** Confluent's schema registry's group (its {@code schema.registry.group.id}). */
	static final String CONFLUENT_REGISTRY_GROUP = "schema-registry";

	private final List<AclBinding> bindings = new ArrayList<>();

	private KafkaAcls() {
	}

	/**
	 * @param upstream the upstream systems' user name (transactional ids
	 * {@code <upstream>-*})
	 * @param auditor the auditor's user name (consumer groups {@code <auditor>-*})
	 * @param caseService case-service's user name; its application id is
	 * {@code case-service}, and so on for the others
	 */
	static List<AclBinding> of(String upstream, String auditor, String caseService, String monitoring, String reporting,
			String registry) {
		KafkaAcls acls = new KafkaAcls();
		acls.topic(upstream, Topics.CASE_INTAKE.name(), WRITE, DESCRIBE);
		acls.prefixed(upstream, ResourceType.TRANSACTIONAL_ID, upstream + "-", WRITE, DESCRIBE);

		acls.topic(auditor, Topics.ACCESS_AUDIT.name(), READ, DESCRIBE);
		acls.prefixed(auditor, ResourceType.GROUP, auditor + "-", READ, DESCRIBE);

		// case-service: takes intake in over HTTP too (it writes case-intake as well as
		// reading it), answers each HTTP caller through case-intake-outcomes, and
		// audits every read of a case.
		acls.topic(caseService, Topics.CASE_INTAKE.name(), READ, WRITE, DESCRIBE, DESCRIBE_CONFIGS);
		acls.topic(caseService, Topics.CASE_INTAKE_REJECTED.name(), WRITE, DESCRIBE, DESCRIBE_CONFIGS);
		acls.topic(caseService, Topics.CASE_INTAKE_OUTCOMES.name(), READ, WRITE, DESCRIBE, DESCRIBE_CONFIGS);
		acls.topic(caseService, Topics.CASE_EVENTS.name(), WRITE, DESCRIBE, DESCRIBE_CONFIGS);
		acls.topic(caseService, Topics.ACCESS_AUDIT.name(), WRITE, DESCRIBE, DESCRIBE_CONFIGS);
		acls.application(caseService, StackOptions.CASE);

		acls.topic(monitoring, Topics.CASE_EVENTS.name(), READ, DESCRIBE, DESCRIBE_CONFIGS);
		// Its global table of flags reads back what it writes.
		acls.topic(monitoring, Topics.WANTED_FLAGS.name(), READ, WRITE, DESCRIBE, DESCRIBE_CONFIGS);
		acls.application(monitoring, StackOptions.MONITORING);

		acls.topic(reporting, Topics.CASE_EVENTS.name(), READ, DESCRIBE, DESCRIBE_CONFIGS);
		acls.topic(reporting, Topics.WANTED_FLAGS.name(), READ, DESCRIBE, DESCRIBE_CONFIGS);
		acls.topic(reporting, Topics.CASE_STATS.name(), WRITE, DESCRIBE, DESCRIBE_CONFIGS);
		acls.application(reporting, StackOptions.REPORTING);

		// The registry creates its topic on first start and reads it from the start
		// without a consumer group.
		acls.topic(registry, SCHEMAS_TOPIC, READ, WRITE, DESCRIBE, DESCRIBE_CONFIGS, CREATE);
		return List.copyOf(acls.bindings);
	}

	/**
	 * What Confluent's schema registry needs beyond {@link #of}'s {@code _schemas}: its
	 * instances elect a leader through the consumer group {@code schema-registry}, and
	 * read {@code _schemas} under a group named after it. For docker-compose.yml, which
	 * runs that registry; the development registry of {@code ./run-local} needs no group.
	 */
	static List<AclBinding> confluentRegistryGroups(String registry) {
		KafkaAcls acls = new KafkaAcls();
		acls.prefixed(registry, ResourceType.GROUP, CONFLUENT_REGISTRY_GROUP, READ, DESCRIBE);
		return List.copyOf(acls.bindings);
	}

	/**
	 * What a service's Kafka Streams application id names: its consumer group, its
	 * transactional ids ({@code <id>-<process>-<thread>}), its internal topics
	 * ({@code <id>-<store>-changelog}) and its dead-letter topic
	 * ({@code <id>-dead-letters}), all by the prefix the id is.
	 */
	private void application(String user, String applicationId) {
		prefixed(user, ResourceType.TOPIC, applicationId, READ, WRITE, CREATE, DELETE, DESCRIBE, DESCRIBE_CONFIGS);
		prefixed(user, ResourceType.GROUP, applicationId, READ, DESCRIBE, DELETE);
		prefixed(user, ResourceType.TRANSACTIONAL_ID, applicationId, WRITE, DESCRIBE);
	}

	private void topic(String user, String topic, AclOperation... operations) {
		add(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operations);
	}

	private void prefixed(String user, ResourceType type, String prefix, AclOperation... operations) {
		add(user, new ResourcePattern(type, prefix, PatternType.PREFIXED), operations);
	}

	private void add(String user, ResourcePattern pattern, AclOperation... operations) {
		for (AclOperation operation : operations) {
			this.bindings.add(new AclBinding(pattern,
					new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
		}
	}

}
