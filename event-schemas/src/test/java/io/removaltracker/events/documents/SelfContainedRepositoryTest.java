package io.removaltracker.events.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clone holds everything a newcomer needs: no text in the repository points at a
 * document beside it instead of in it (the contract is {@code docs/contract.md}, cited by
 * section name), or at the tracker's numbered tickets, which a clone does not carry.
 */
class SelfContainedRepositoryTest {

	/**
	 * Words of a phrase may be split by a line break and a comment's "*", "//" or "#".
	 */
	private static final String GAP = "[\\s*/#]+";

	private static final List<Pattern> OUTSIDE_REFERENCES = List.of(
			// The folder the contract was once read from, beside the repository.
			Pattern.compile("(\\.\\.|/work)/shared\\b"),
			// The contract by number instead of docs/contract.md and a section name.
			Pattern.compile("(?i)\\bcontract" + GAP + "sections?" + GAP + "\\d"),
			// A ticket by its number: the word and the number, or a hash sign and the
			// number.
			Pattern.compile("(?i)\\bissues?" + GAP + "\\d"), Pattern.compile("(?<![\\w&/])#\\d{1,2}\\b"));

	/**
	 * Build output, version control, editors, installed packages, the local stack's data.
	 */
	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", ".vscode", "node_modules",
			"data");

	private static final long LARGEST_TEXT = 2 * 1024 * 1024;

	@Test
	void noTextPointsOutsideTheRepository() throws IOException {
		Path root = Repository.root();
		List<String> found = new ArrayList<>();
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
				boolean skipped = !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString());
				return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (attributes.isRegularFile() && attributes.size() <= LARGEST_TEXT) {
					text(file).ifPresent((text) -> found.addAll(references(root.relativize(file), text)));
				}
				return FileVisitResult.CONTINUE;
			}

		});

		assertThat(found).as("references to files outside the repository or to numbered tickets").isEmpty();
	}

	@Test
	void theCheckFindsWhatItLooksFor() {
		assertThat(references(Path.of("x"), "see ../" + "sha" + "red/contract.md")).hasSize(1);
		assertThat(references(Path.of("x"), " * as contract\n * section 7 says")).hasSize(1);
		assertThat(references(Path.of("x"), "measured in issue " + "7")).hasSize(1);
		assertThat(references(Path.of("x"), "fixed by #" + "12.")).hasSize(1);
		assertThat(
				references(Path.of("x"), "docs/contract.md, Access; RFC 6749 section 2.3.1; color #1e3a5f; &#" + "39;"))
			.isEmpty();
	}

	private static List<String> references(Path file, String text) {
		List<String> found = new ArrayList<>();
		for (Pattern pattern : OUTSIDE_REFERENCES) {
			Matcher matcher = pattern.matcher(text);
			while (matcher.find()) {
				int line = 1 + (int) text.substring(0, matcher.start()).chars().filter((c) -> c == '\n').count();
				found.add(file + ":" + line + ": " + matcher.group().replaceAll("\\s+", " "));
			}
		}
		return found;
	}

	/** The file's text, or empty for a binary file (one with a NUL byte). */
	private static Optional<String> text(Path file) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			for (byte b : bytes) {
				if (b == 0) {
					return Optional.empty();
				}
			}
			return Optional.of(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
