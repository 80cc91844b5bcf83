package io.removaltracker.events.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * The published versions of a subject as this jar carries them: the build copies
 * {@code src/main/schema-history} to {@code schema-history/<subject>/v<N>.avsc} on the
 * class path, numbered from 1 without gaps (the history guard writes them so).
 */
final class PublishedSchemas {

	static final String ROOT = "schema-history";

	private PublishedSchemas() {
	}

	/** Version 1 first; empty when the subject has no recorded version. */
	static List<Schema> of(String subject) {
		List<Schema> versions = new ArrayList<>();
		ClassLoader loader = PublishedSchemas.class.getClassLoader();
		for (int version = 1;; version++) {
			String resource = ROOT + "/" + subject + "/v" + version + ".avsc";
			try (InputStream in = loader.getResourceAsStream(resource)) {
				if (in == null) {
					return versions;
				}
				versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + resource, ex);
			}
		}
	}

}
