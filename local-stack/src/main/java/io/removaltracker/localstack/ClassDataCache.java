package io.removaltracker.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The JDK's own way for the parts to start faster: a part's first run records the classes
 * it loaded into an archive when it is stopped, and every later start maps them from
 * there instead of reading, verifying and linking them from the jars again. Measured on 2
 * cores, a service then needs about two fifths less processor time to be ready on JDK 17,
 * the broker a fifth (BENCHMARKS.md, "Start-up and jar size"). From JDK 25 on it is the
 * ahead-of-time cache ({@code -XX:AOTCacheOutput}, {@code -XX:AOTCache}), which also
 * keeps the classes linked and what the JIT learnt about them, about half the processor
 * time; before, the dynamic archive ({@code -XX:ArchiveClassesAtExit},
 * {@code -XX:SharedArchiveFile}).
 * <p>
 * The JDK shares classes of plain jars on the class path only, not of the jars nested in
 * a Spring Boot jar, so each Spring Boot jar is first extracted once (Spring Boot's
 * {@code -Djarmode=tools extract}), under a key made of what the jar holds (Maven writes
 * it again on every build, so its time says nothing); the broker runs from plain jars
 * already. An archive is kept under a key made of its jars' sizes and times (what the JDK
 * checks before it uses one) and the JDK, so a changed jar or another JDK gets a new
 * archive and the old one is deleted. Several launchers may share the cache (the
 * end-to-end tests run stacks side by side): whatever is made is made under a name of its
 * own and then moved into place whole. When something cannot be made the part runs as it
 * would without the cache.
 */
final class ClassDataCache {

	/** The first JDK whose ahead-of-time cache is written in one run. */
	private static final int AOT_CACHE_JDK = 25;

	/** Where everything is kept; null when switched off. */
	private final Path root;

	private final boolean aotCache;

	private final Map<Path, CompletableFuture<Path>> extracted = new ConcurrentHashMap<>();

	private final AtomicInteger used = new AtomicInteger();

	private final AtomicInteger recording = new AtomicInteger();

	private ClassDataCache(Path root, boolean aotCache) {
		this.root = root;
		this.aotCache = aotCache;
	}

	/** No archives: every part starts from its jars. */
	static ClassDataCache off() {
		return new ClassDataCache(null, false);
	}

	/** Archives kept in {@code root}, for the JDK this launcher runs on. */
	static ClassDataCache in(Path root) {
		return new ClassDataCache(root, Runtime.version().feature() >= AOT_CACHE_JDK);
	}

	boolean enabled() {
		return this.root != null;
	}

	Path root() {
		return this.root;
	}

	/** How many parts were started from their archive. */
	int used() {
		return this.used.get();
	}

	/** How many parts were started recording their archive. */
	int recording() {
		return this.recording.get();
	}

	/** What the archives are, for the launcher's output. */
	String kind() {
		return this.aotCache ? "JDK " + Runtime.version().feature() + " ahead-of-time cache"
				: "JDK " + Runtime.version().feature() + " dynamic CDS archive";
	}

	/**
	 * Starts extracting these Spring Boot jars (those not extracted yet), one after the
	 * other in the background, while the broker starts.
	 */
	void extractInBackground(List<Path> bootJars) {
		if (!enabled()) {
			return;
		}
		Thread thread = new Thread(() -> bootJars.forEach(this::extract), "class-data-extract");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * The jar to run a Spring Boot jar from: its extracted form, or the jar itself when
	 * switched off or the extraction failed (a broken jar then fails to start the way it
	 * would have anyway).
	 */
	Path runnable(Path bootJar) throws InterruptedException {
		if (!enabled()) {
			return bootJar;
		}
		try {
			return extract(bootJar).get(5, TimeUnit.MINUTES);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			return bootJar;
		}
	}

	private CompletableFuture<Path> extract(Path bootJar) {
		return this.extracted.computeIfAbsent(bootJar, (jar) -> {
			CompletableFuture<Path> result = new CompletableFuture<>();
			try {
				result.complete(extractNow(jar));
			}
			catch (IOException | RuntimeException ex) {
				result.complete(jar);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				result.complete(jar);
			}
			return result;
		});
	}

	private Path extractNow(Path bootJar) throws IOException, InterruptedException {
		String family = stripJar(bootJar.getFileName().toString());
		String key = contentKey(bootJar);
		Path dir = this.root.resolve(family + "-" + key);
		Path runnable = dir.resolve(bootJar.getFileName());
		if (Files.isRegularFile(runnable)) {
			return runnable;
		}
		Files.createDirectories(this.root);
		Path scratch = this.root.resolve(family + "-" + key + ".extracting-" + ProcessHandle.current().pid());
		deleteTree(scratch);
		Process process = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", bootJar.toString(), "extract",
				"--destination", scratch.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(this.root.resolve(family + "-extract.log").toFile()))
			.start();
		if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			deleteTree(scratch);
			return bootJar;
		}
		try {
			Files.move(scratch, dir, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException ex) {
			// Another launcher extracted the same jar meanwhile: its copy is as good.
			deleteTree(scratch);
		}
		forgetOthers(family, key, "");
		return runnable;
	}

	/**
	 * The JVM options of a part running this class path: use its archive when there is
	 * one, or record one at its end.
	 * @param family what the archive is named by: the jar, or {@code kafka} for every
	 * broker of the stack
	 * @param part the part itself (several parts may run the same class path)
	 */
	Archive archive(String family, String part, List<Path> classPath) {
		if (!enabled()) {
			return Archive.NONE;
		}
		String key = key(classPath);
		Path file = this.root.resolve(family + "-" + key + (this.aotCache ? ".aot" : ".jsa"));
		if (Files.isRegularFile(file)) {
			this.used.incrementAndGet();
			return new Archive(List.of((this.aotCache ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + file), null, null,
					null);
		}
		this.recording.incrementAndGet();
		Path recording = this.root
			.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "-" + part + ".recording");
		// The classes the JDK cannot archive (a few, of old class-file versions) are
		// no news for the part's log.
		List<String> options = this.aotCache
				? List.of("-XX:AOTCacheOutput=" + recording, "-Xlog:aot=off", "-Xlog:cds=off")
				: List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
		return new Archive(options, recording, file, () -> forgetOthers(family, key, "\\.(jsa|aot)"));
	}

	/**
	 * What a part's JVM is given: the options for its archive, and, when it records one,
	 * how to keep it once the JVM has written it at its end.
	 */
	record Archive(List<String> options, Path recording, Path file, Runnable afterKeep) {

		static final Archive NONE = new Archive(List.of(), null, null, null);

		/**
		 * Moves a finished recording into place; called once the part was stopped, when
		 * the JVM has written it. Nothing when the part recorded nothing (it was killed,
		 * or it used an archive).
		 */
		void keep() {
			if (this.recording == null || !Files.isRegularFile(this.recording)) {
				return;
			}
			try {
				Files.createDirectories(this.file.getParent());
				Files.move(this.recording, this.file, StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
				this.afterKeep.run();
			}
			catch (IOException ex) {
				deleteQuietly(this.recording);
			}
		}

	}

	/**
	 * Deletes what is kept for a family under any other key (a jar or JDK since
	 * replaced): the extracted jars (no suffix) or the archives.
	 */
	private void forgetOthers(String family, String key, String suffix) {
		try (Stream<Path> entries = Files.list(this.root)) {
			entries
				.filter((entry) -> entry.getFileName().toString().matches(family + "-[0-9a-f]{16}" + suffix)
						&& !entry.getFileName().toString().startsWith(family + "-" + key))
				.forEach((entry) -> {
					try {
						deleteTree(entry);
					}
					catch (IOException ex) {
						// Left for the next time: it is only disk space.
					}
				});
		}
		catch (IOException ex) {
			// The same.
		}
	}

	/**
	 * What the archive depends on: each jar's name, size and time (what the JDK checks
	 * before it uses an archive), and the JDK itself.
	 */
	static String key(List<Path> jars) {
		try {
			MessageDigest digest = sha256();
			digest.update(jdk().getBytes(StandardCharsets.UTF_8));
			for (Path jar : jars) {
				digest.update(("|" + jar.toAbsolutePath() + "|" + Files.size(jar) + "|"
						+ Files.getLastModifiedTime(jar).toMillis())
					.getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What a jar holds, cheaply: each entry's name, size and checksum, read from its
	 * central directory; with the JDK, which the extracted copy is run with.
	 */
	static String contentKey(Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			MessageDigest digest = sha256();
			digest.update(jdk().getBytes(StandardCharsets.UTF_8));
			zip.stream()
				.forEach((entry) -> digest.update(("|" + entry.getName() + "|" + entry.getSize() + "|" + entry.getCrc())
					.getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
	}

	/** Whether a jar holds classes of this project (the broker needs none of them). */
	static boolean isOwnJar(Path jar) {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return zip.stream().anyMatch((entry) -> entry.getName().startsWith("io/removaltracker/"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String jdk() {
		return System.getProperty("java.home") + "|" + System.getProperty("java.vm.version");
	}

	/**
	 * The jars of a class path as the JDK reads them: each entry, and the jars its
	 * manifest names.
	 */
	static List<Path> jarsOf(String classPath) {
		return Stream.of(classPath.split(File.pathSeparator)).map(Path::of).flatMap((jar) -> {
			Path lib = jar.toAbsolutePath().resolveSibling("lib");
			if (!Files.isDirectory(lib)) {
				return Stream.of(jar);
			}
			try (Stream<Path> libs = Files.list(lib)) {
				return Stream.concat(Stream.of(jar),
						libs.filter((file) -> file.toString().endsWith(".jar")).sorted().toList().stream());
			}
			catch (IOException ex) {
				return Stream.of(jar);
			}
		}).toList();
	}

	private static String stripJar(String name) {
		return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void deleteTree(Path path) throws IOException {
		StackProcess.deleteTree(path);
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// A stray recording costs disk space only.
		}
	}

}
