package io.removaltracker.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DevSchemaRegistryApplication {

	public static void main(String[] args) {
		SpringApplication.run(DevSchemaRegistryApplication.class, args);
	}

}
