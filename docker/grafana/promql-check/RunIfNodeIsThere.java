import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs check.mjs with Node.js when Node.js is on the PATH, installing its locked packages
 * first ({@code npm ci}) when they are missing or older than package-lock.json; without
 * Node.js it prints why the check is skipped and succeeds. The build calls it this way
 * (Java's single-file launch) so that a machine without Node.js still builds, while one
 * with Node.js fails on a query that does not parse.
 *
 * <pre>
 * java RunIfNodeIsThere.java PACKAGE_DIR [check.mjs arguments...]
 * </pre>
 */
public class RunIfNodeIsThere {

	public static void main(String[] args) throws IOException, InterruptedException {
		Path packageDir = Path.of(args[0]).toAbsolutePath().normalize();
		List<String> checkArgs = List.of(args).subList(1, args.length);
		Optional<Path> node = onPath("node");
		Optional<Path> npm = onPath("npm");
		if (node.isEmpty() || npm.isEmpty()) {
			System.out.println("[promql-check] SKIPPED: no " + (node.isEmpty() ? "node" : "npm")
					+ " on the PATH, so the Grafana dashboards' queries were not parsed with Prometheus' grammar"
					+ " and the services' tests will not check their metric names. Install Node.js 18 or later"
					+ " to have both checked.");
			// A list left by an earlier build would be checked as if it were this
			// dashboard's.
			int out = checkArgs.indexOf("--out");
			if (out >= 0 && out + 1 < checkArgs.size()) {
				Files.deleteIfExists(Path.of(checkArgs.get(out + 1)));
			}
			return;
		}
		Path installed = packageDir.resolve("node_modules/.package-lock.json");
		Path lock = packageDir.resolve("package-lock.json");
		if (!Files.exists(installed)
				|| Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
			run(packageDir, List.of(npm.get().toString(), "ci", "--no-audit", "--no-fund"));
		}
		List<String> command = new ArrayList<>(List.of(node.get().toString(), "check.mjs"));
		command.addAll(checkArgs);
		run(packageDir, command);
	}

	private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
		int code = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start().waitFor();
		if (code != 0) {
			System.err.println("[promql-check] FAILED: " + String.join(" ", command) + " exited with " + code);
			System.exit(code);
		}
	}

	private static Optional<Path> onPath(String program) {
		boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
		List<String> names = windows ? List.of(program + ".exe", program + ".cmd") : List.of(program);
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			for (String name : names) {
				Path candidate = Path.of(dir, name);
				if (Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

}
