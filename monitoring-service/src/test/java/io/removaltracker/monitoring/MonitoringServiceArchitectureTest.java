package io.removaltracker.monitoring;

import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static io.removaltracker.testing.architecture.ServiceArchitecture.MONITORING_SERVICE;

/**
 * monitoring-service's main classes against the shared service architecture: the wanted
 * rule in plain Java and on its own, api -> flags -> rules, no other service, no tooling.
 */
@AnalyzeClasses(packages = "io.removaltracker.monitoring", importOptions = DoNotIncludeTests.class)
class MonitoringServiceArchitectureTest {

	@ArchTest
	static final ArchRule wantedRulesArePlainJava = MONITORING_SERVICE.domainRulesArePlainJava();

	@ArchTest
	static final ArchRule wantedRulesStandAlone = MONITORING_SERVICE.domainRulesStandAlone();

	@ArchTest
	static final ArchRule dependenciesPointFromApiThroughFlagsToRules = MONITORING_SERVICE.layersPointOneWay();

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = MONITORING_SERVICE.packagesAreFreeOfCycles();

	@ArchTest
	static final ArchRule usesNoOtherService = MONITORING_SERVICE.usesNoOtherService();

	@ArchTest
	static final ArchRule usesNoTooling = MONITORING_SERVICE.usesNoTooling();

}
