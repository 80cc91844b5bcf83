package io.removaltracker.reporting;

import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static io.removaltracker.testing.architecture.ServiceArchitecture.REPORTING_SERVICE;

/**
 * reporting-service's main classes against the shared service architecture: the national
 * figures in plain Java and on their own, api -> feed -> figures, no other service, no
 * tooling.
 */
@AnalyzeClasses(packages = "io.removaltracker.reporting", importOptions = DoNotIncludeTests.class)
class ReportingServiceArchitectureTest {

	@ArchTest
	static final ArchRule figuresArePlainJava = REPORTING_SERVICE.domainRulesArePlainJava();

	@ArchTest
	static final ArchRule figuresStandAlone = REPORTING_SERVICE.domainRulesStandAlone();

	@ArchTest
	static final ArchRule dependenciesPointFromApiThroughFeedToFigures = REPORTING_SERVICE.layersPointOneWay();

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = REPORTING_SERVICE.packagesAreFreeOfCycles();

	@ArchTest
	static final ArchRule usesNoOtherService = REPORTING_SERVICE.usesNoOtherService();

	@ArchTest
	static final ArchRule usesNoTooling = REPORTING_SERVICE.usesNoTooling();

}
