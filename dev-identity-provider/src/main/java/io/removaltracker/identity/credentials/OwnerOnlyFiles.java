package io.removaltracker.identity.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files holding secrets: readable and writable by their owner only from the first byte,
 * and never seen half written by another process.
 */
public final class OwnerOnlyFiles {

	private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private OwnerOnlyFiles() {
	}

	/**
	 * Writes a file that must not exist yet. The content goes to a private temporary file
	 * first and is then linked under its name, which fails if another process created it
	 * meanwhile.
	 * @return {@code false} if the file already existed (it is left as it was)
	 */
	public static boolean createAtomically(Path file, String content) throws IOException {
		Path temporary = writeTemporary(file, content);
		try {
			Files.createLink(file, temporary);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (UnsupportedOperationException | IOException ex) {
			// Without hard links, a move that replaces nothing comes closest.
			try {
				Files.move(temporary, file);
				return true;
			}
			catch (FileAlreadyExistsException alreadyThere) {
				return false;
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Replaces a file's content in one step: readers see the old content or the new. */
	public static void replaceAtomically(Path file, String content) throws IOException {
		Path temporary = writeTemporary(file, content);
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Takes away any access of group and others that someone gave the file. */
	public static void restrictToOwner(Path file) throws IOException {
		if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_READ_WRITE)) {
			Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
		}
	}

	private static Path writeTemporary(Path file, String content) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(directory)) {
			if (isPosix(directory)) {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
			}
			else {
				Files.createDirectories(directory);
			}
		}
		// Created with its final permissions, so the secret is never readable by others,
		// not even for an instant.
		FileAttribute<?>[] ownerOnly = isPosix(directory)
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE) }
				: new FileAttribute<?>[0];
		Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", ownerOnly);
		try {
			Files.writeString(temporary, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		return temporary;
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
