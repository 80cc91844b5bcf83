package io.removaltracker.rocksdb;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.util.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the module's build made of rocksdbjni: its classes, and the native library of the
 * platform asked for, which RocksDB's own loader finds and opens a database with.
 */
class TrimmedRocksDbTest {

	private static final String PLATFORM = System.getProperty("rocksdb.platform", "linux64");

	@Test
	void holdsTheNativeLibraryOfOnePlatformOnly() throws IOException, URISyntaxException {
		Path classes = Path.of(RocksDB.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		List<String> natives;
		try (Stream<Path> files = Files.list(classes)) {
			natives = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith("librocksdbjni-"))
				.toList();
		}
		assertThat(natives).singleElement().asString().startsWith("librocksdbjni-" + PLATFORM + ".");
	}

	@Test
	void theLoaderFindsItsLibraryAndADatabaseOpens(@TempDir Path dir) throws RocksDBException {
		// Built for another platform (-Drocksdb.platform), the library cannot load here.
		String wanted = Environment.getJniLibraryFileName("rocksdb");
		assumeTrue(RocksDB.class.getResource("/" + wanted) != null, "built for another platform than " + wanted);
		RocksDB.loadLibrary();
		try (Options options = new Options().setCreateIfMissing(true);
				RocksDB db = RocksDB.open(options, dir.toString())) {
			db.put("case".getBytes(StandardCharsets.UTF_8), "open".getBytes(StandardCharsets.UTF_8));
			assertThat(new String(db.get("case".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
				.isEqualTo("open");
		}
	}

}
