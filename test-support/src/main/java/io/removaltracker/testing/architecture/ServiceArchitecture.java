package io.removaltracker.testing.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of a service, and the rules that keep it. Every service has three packages
 * under its base package: the API at its edge ({@code api}), the part that moves events
 * through Kafka (its process package: {@code intake}, {@code flags}, {@code feed}), and
 * the domain rules in plain Java (its domain package: {@code rules}, {@code figures}).
 * Classes directly in the base package wire the three together with Spring and are free
 * to use any of them.
 *
 * <p>
 * Rules are written by package, never by class, so a class added to a package is held to
 * the same rules at once. A rule whose package has no classes fails instead of passing
 * unnoticed, so renaming a package means updating this file.
 */
public record ServiceArchitecture(String name, String basePackage, String processPackage, String domainPackage) {

	public static final ServiceArchitecture CASE_SERVICE = new ServiceArchitecture("case-service",
			"io.removaltracker.caseservice", "intake", "rules");

	public static final ServiceArchitecture MONITORING_SERVICE = new ServiceArchitecture("monitoring-service",
			"io.removaltracker.monitoring", "flags", "rules");

	public static final ServiceArchitecture REPORTING_SERVICE = new ServiceArchitecture("reporting-service",
			"io.removaltracker.reporting", "feed", "figures");

	/**
	 * Every service's classes, the development schema registry's and identity provider's
	 * too: they run beside the services as their own processes.
	 */
	private static final List<String> ALL_SERVICES = List.of(CASE_SERVICE.all(), MONITORING_SERVICE.all(),
			REPORTING_SERVICE.all(), "io.removaltracker.registry..", "io.removaltracker.identity..");

	private static final String API_PACKAGE = "api";

	/** What the domain rules must do without. */
	private static final String[] FRAMEWORKS = { "org.springframework..", "org.apache.kafka..", "jakarta.servlet.." };

	/** Modules that drive, run or measure the services, and the tests' helpers. */
	private static final String[] TOOLING = { "io.removaltracker.simulator..", "io.removaltracker.localstack..",
			"io.removaltracker.benchmarks..", "io.removaltracker.testing.." };

	private static final String SERVICE_SUPPORT = "io.removaltracker.service..";

	/**
	 * The domain rules use neither Spring, nor Kafka, nor the servlet API.
	 */
	public ArchRule domainRulesArePlainJava() {
		return noClasses().that()
			.resideInAPackage(domain())
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(FRAMEWORKS)
			.as(String.format("the domain rules of %s (%s) use no Spring, no Kafka and no servlet API", this.name,
					domain()))
			.because("they are the part of the service a reader should understand and test in a line, "
					+ "without a broker or an application context, and they must outlive a change of framework");
	}

	/**
	 * The domain rules know nothing of the rest of their service: not the API, not the
	 * Kafka side, not the wiring.
	 */
	public ArchRule domainRulesStandAlone() {
		DescribedPredicate<JavaClass> restOfService = resideInAPackage(all())
			.and(DescribedPredicate.not(resideInAPackage(domain())))
			.as("the rest of %s", this.name);
		return noClasses().that()
			.resideInAPackage(domain())
			.should()
			.dependOnClassesThat(restOfService)
			.as(String.format("the domain rules of %s (%s) depend on nothing else in %s", this.name, domain(),
					this.name))
			.because("the API and the " + this.processPackage
					+ " package both call the rules; a rule that reached back into either "
					+ "would tie the decision to one way of delivering it");
	}

	/**
	 * Dependencies point one way: api, then the process package, then the domain rules.
	 */
	public ArchRule layersPointOneWay() {
		return layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer(API_PACKAGE)
			.definedBy(pkg(API_PACKAGE))
			.layer(this.processPackage)
			.definedBy(pkg(this.processPackage))
			.layer(this.domainPackage)
			.definedBy(domain())
			.whereLayer(API_PACKAGE)
			.mayNotBeAccessedByAnyLayer()
			.whereLayer(this.processPackage)
			.mayOnlyBeAccessedByLayers(API_PACKAGE)
			.whereLayer(this.domainPackage)
			.mayOnlyBeAccessedByLayers(API_PACKAGE, this.processPackage)
			.as(String.format("inside %s dependencies point one way: %s -> %s -> %s", this.name, API_PACKAGE,
					this.processPackage, this.domainPackage))
			.because("the edge changes most and the rules least; a lower package that used a higher one "
					+ "could not be read, tested or replaced without it");
	}

	/**
	 * No cycles between the packages below the base package.
	 */
	public ArchRule packagesAreFreeOfCycles() {
		return slices().matching(this.basePackage + ".(*)..")
			.namingSlices("package $1")
			.should()
			.beFreeOfCycles()
			.as(String.format("the packages of %s depend on each other without cycles", this.name))
			.because("packages in a cycle can only be understood and changed together, "
					+ "which undoes the point of splitting them");
	}

	/**
	 * A service does not use another service's classes.
	 */
	public ArchRule usesNoOtherService() {
		String[] others = ALL_SERVICES.stream().filter((service) -> !service.equals(all())).toArray(String[]::new);
		return noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.as(String.format("%s uses no class of another service", this.name))
			.because("services meet only through the topics and HTTP paths of the contract, "
					+ "so that each can be deployed, scaled and changed on its own");
	}

	/**
	 * A service's main code does not use the simulator, the local stack, the benchmarks
	 * or the test helpers.
	 */
	public ArchRule usesNoTooling() {
		return usesNoTooling(this.name);
	}

	/**
	 * service-support, the code the services share, depends on none of them.
	 */
	public static ArchRule serviceSupportUsesNoService() {
		return noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage(ALL_SERVICES.toArray(String[]::new))
			.as(String.format("service-support (%s) uses no class of any service", SERVICE_SUPPORT))
			.because("every service depends on it; a dependency back would make each service "
					+ "carry the others and tie their releases together");
	}

	/**
	 * service-support's main code does not use the tooling either.
	 */
	public static ArchRule serviceSupportUsesNoTooling() {
		return usesNoTooling("service-support");
	}

	private static ArchRule usesNoTooling(String module) {
		return noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage(TOOLING)
			.as(String.format("the main code of %s uses no simulator, local stack, benchmark or test helper", module))
			.because("these modules drive and measure the services from outside; "
					+ "what ships must not need them, nor a test broker, to start");
	}

	private String all() {
		return this.basePackage + "..";
	}

	private String domain() {
		return pkg(this.domainPackage);
	}

	private String pkg(String subpackage) {
		return this.basePackage + "." + subpackage + "..";
	}

}
