package io.removaltracker.caseservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** case-service: intake over HTTP and Kafka, the single writer of {@code case-events}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CaseServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CaseServiceApplication.class, args);
	}

}
