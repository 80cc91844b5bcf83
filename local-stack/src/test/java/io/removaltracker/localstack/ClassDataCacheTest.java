package io.removaltracker.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What the launcher keeps for a part's start-up, and when it is made again. */
class ClassDataCacheTest {

	@TempDir
	Path dir;

	@Test
	void aJarWrittenAgainWithTheSameContentKeepsItsKeyAndOtherContentGetsAnother() throws IOException {
		Path jar = jar("service.jar", "one");
		String first = ClassDataCache.contentKey(jar);
		Files.delete(jar);
		jar("service.jar", "one");
		Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

		assertThat(ClassDataCache.contentKey(jar)).isEqualTo(first);
		jar("service.jar", "two");
		assertThat(ClassDataCache.contentKey(jar)).isNotEqualTo(first);
	}

	@Test
	void aPartRecordsItsArchiveUntilOneIsKeptAndThenUsesIt() throws IOException {
		ClassDataCache cache = ClassDataCache.in(this.dir.resolve("class-data"));
		List<Path> classPath = List.of(jar("kafka.jar", "broker"));

		ClassDataCache.Archive recording = cache.archive("kafka", "kafka", classPath);
		assertThat(recording.options().get(0)).containsAnyOf("-XX:ArchiveClassesAtExit=", "-XX:AOTCacheOutput=");
		// The JVM writes the recording when it ends; the launcher keeps it once stopped.
		Files.createDirectories(recording.recording().getParent());
		Files.writeString(recording.recording(), "archive");
		recording.keep();

		ClassDataCache.Archive used = cache.archive("kafka", "kafka-2", classPath);
		assertThat(used.options()).singleElement()
			.asString()
			.containsAnyOf("-XX:SharedArchiveFile=", "-XX:AOTCache=")
			.endsWith(recording.file().toString());
		assertThat(cache.used()).isEqualTo(1);
		assertThat(cache.recording()).isEqualTo(1);
	}

	@Test
	void aPartKilledBeforeItWroteItsRecordingLeavesNothing() throws IOException {
		ClassDataCache cache = ClassDataCache.in(this.dir.resolve("class-data"));
		ClassDataCache.Archive recording = cache.archive("kafka", "kafka", List.of(jar("kafka.jar", "broker")));

		recording.keep();

		assertThat(recording.file()).doesNotExist();
		assertThat(cache.archive("kafka", "kafka", List.of(jar("kafka.jar", "broker"))).recording()).isNotNull();
	}

	@Test
	void aJarThatCannotBeExtractedRunsAsItIsAndSwitchedOffNothingIsKept() throws Exception {
		Path broken = Files.writeString(this.dir.resolve("case-service.jar"), "not a jar");

		assertThat(ClassDataCache.in(this.dir.resolve("class-data")).runnable(broken)).isEqualTo(broken);
		assertThat(ClassDataCache.off().runnable(broken)).isEqualTo(broken);
		assertThat(ClassDataCache.off().archive("kafka", "kafka", List.of(broken)).options()).isEmpty();
	}

	private Path jar(String name, String content) throws IOException {
		Path jar = this.dir.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
			ZipEntry entry = new ZipEntry("content.txt");
			entry.setTime(System.currentTimeMillis());
			zip.putNextEntry(entry);
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		return jar;
	}

}
