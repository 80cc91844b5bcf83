package io.removaltracker.monitoring;

import io.removaltracker.service.ProblemHandling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** monitoring-service: wanted flags from case events, and the wanted list. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ProblemHandling.class)
public class MonitoringServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MonitoringServiceApplication.class, args);
	}

}
