package io.removaltracker.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaAndRegistryContainersTest {

	@Test
	void theContainerTestsRunTheImagesDockerComposeRuns() throws IOException {
		List<String> images = Files.readAllLines(Path.of("..", "docker-compose.yml"))
			.stream()
			.map(String::strip)
			.filter((line) -> line.startsWith("image:"))
			.map((line) -> line.substring("image:".length()).strip())
			.toList();

		assertThat(images).contains(KafkaAndRegistryContainers.KAFKA_IMAGE, KafkaAndRegistryContainers.REGISTRY_IMAGE);
	}

}
