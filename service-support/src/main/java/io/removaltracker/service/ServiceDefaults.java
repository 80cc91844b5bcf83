package io.removaltracker.service;

import java.io.IOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@value #RESOURCE}, the settings every service shares, as the last property
 * source: a service's {@code application.properties}, its command line and its
 * environment all override them.
 */
public final class ServiceDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "service-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource("removal-tracker service defaults",
						new ClassPathResource(RESOURCE)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + RESOURCE + " from service-support", ex);
		}
	}

}
