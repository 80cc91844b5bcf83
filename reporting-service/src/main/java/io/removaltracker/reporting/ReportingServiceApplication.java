package io.removaltracker.reporting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * reporting-service: the exact national figures, over HTTP, SSE, a live page, Prometheus
 * and Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReportingServiceApplication.class, args);
	}

}
