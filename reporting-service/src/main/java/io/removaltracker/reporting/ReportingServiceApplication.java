package io.removaltracker.reporting;

import io.removaltracker.service.ProblemHandling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * reporting-service: the exact national figures, over HTTP, SSE, a live page, Prometheus
 * and Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ProblemHandling.class)
public class ReportingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReportingServiceApplication.class, args);
	}

}
