package io.removaltracker.caseservice;

import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static io.removaltracker.testing.architecture.ServiceArchitecture.CASE_SERVICE;

/**
 * case-service's main classes against the shared service architecture: the case rules in
 * plain Java and on their own, api -> intake -> rules, no other service, no tooling.
 */
@AnalyzeClasses(packages = "io.removaltracker.caseservice", importOptions = DoNotIncludeTests.class)
class CaseServiceArchitectureTest {

	@ArchTest
	static final ArchRule caseRulesArePlainJava = CASE_SERVICE.domainRulesArePlainJava();

	@ArchTest
	static final ArchRule caseRulesStandAlone = CASE_SERVICE.domainRulesStandAlone();

	@ArchTest
	static final ArchRule dependenciesPointFromApiThroughIntakeToRules = CASE_SERVICE.layersPointOneWay();

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = CASE_SERVICE.packagesAreFreeOfCycles();

	@ArchTest
	static final ArchRule usesNoOtherService = CASE_SERVICE.usesNoOtherService();

	@ArchTest
	static final ArchRule usesNoTooling = CASE_SERVICE.usesNoTooling();

}
