package io.removaltracker.events.documents;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's own files are, for tests that read them: the parent of this
 * module's directory (Maven runs a module's tests there and names it {@code basedir}).
 */
final class Repository {

	private Repository() {
	}

	static Path root() {
		Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
		Path root = module.getParent();
		if (root == null || !Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("docs"))) {
			throw new IllegalStateException("Not inside the repository: " + module);
		}
		return root;
	}

}
