package io.removaltracker.service;

import com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.removaltracker.testing.architecture.ServiceArchitecture;

/**
 * service-support's main classes: shared by every service, so they know none of them, nor
 * the tooling.
 */
@AnalyzeClasses(packages = "io.removaltracker.service", importOptions = DoNotIncludeTests.class)
class ServiceSupportArchitectureTest {

	@ArchTest
	static final ArchRule usesNoService = ServiceArchitecture.serviceSupportUsesNoService();

	@ArchTest
	static final ArchRule usesNoTooling = ServiceArchitecture.serviceSupportUsesNoTooling();

}
