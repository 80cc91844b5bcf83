package io.removaltracker.localstack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.removaltracker.events.Topics;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaAclsTest {

	private final List<AclBinding> acls = KafkaAcls.of("upstream", "auditor", "case-service", "monitoring-service",
			"reporting-service", "schema-registry");

	@Test
	void everyTopicOfTheContractHasOneWriterAndCaseIntakeItsTwoEntrances() {
		Map<String, Set<String>> writers = this.acls.stream()
			.filter((acl) -> acl.pattern().resourceType() == ResourceType.TOPIC
					&& acl.pattern().patternType() == PatternType.LITERAL
					&& acl.entry().operation() == AclOperation.WRITE)
			.collect(Collectors.groupingBy((acl) -> acl.pattern().name(),
					Collectors.mapping((acl) -> acl.entry().principal(), Collectors.toSet())));

		assertThat(writers).containsEntry(Topics.CASE_EVENTS.name(), Set.of("User:case-service"))
			.containsEntry(Topics.CASE_INTAKE_REJECTED.name(), Set.of("User:case-service"))
			.containsEntry(Topics.ACCESS_AUDIT.name(), Set.of("User:case-service"))
			.containsEntry(Topics.WANTED_FLAGS.name(), Set.of("User:monitoring-service"))
			.containsEntry(Topics.CASE_STATS.name(), Set.of("User:reporting-service"))
			.containsEntry(KafkaAcls.SCHEMAS_TOPIC, Set.of("User:schema-registry"))
			.containsEntry(Topics.CASE_INTAKE.name(), Set.of("User:upstream", "User:case-service"));
	}

	@Test
	void upstreamMayWriteIntakeUnderItsOwnTransactionalIdsAndNothingElse() {
		Set<String> granted = this.acls.stream()
			.filter((acl) -> acl.entry().principal().equals("User:upstream"))
			.map((acl) -> acl.pattern().resourceType() + " " + acl.pattern().patternType() + " " + acl.pattern().name()
					+ " " + acl.entry().operation())
			.collect(Collectors.toSet());

		assertThat(granted).containsExactlyInAnyOrder("TOPIC LITERAL case-intake WRITE",
				"TOPIC LITERAL case-intake DESCRIBE", "TRANSACTIONAL_ID PREFIXED upstream- WRITE",
				"TRANSACTIONAL_ID PREFIXED upstream- DESCRIBE");
	}

	@Test
	void onlyAllowEntriesForNamedPrincipalsNoWildcards() {
		assertThat(this.acls).allSatisfy((acl) -> {
			assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
			assertThat(acl.entry().principal()).isNotEqualTo("User:*");
			assertThat(acl.pattern().name()).isNotEqualTo("*");
			assertThat(acl.entry().operation()).isNotIn(AclOperation.ALL, AclOperation.ALTER,
					AclOperation.ALTER_CONFIGS);
		});
	}

}
