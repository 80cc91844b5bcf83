package io.removaltracker.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints each skipped test or test class with the reason on the build's console, e.g. the
 * container tests on a machine without Docker. Surefire counts skips on the console but
 * keeps their reasons in its XML reports, and sends what tests print to files; the forked
 * JVM's own error stream is the one it copies to the console as it comes. Registered for
 * every test run that has test-support on its class path
 * ({@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}).
 */
public final class SkipReasons implements TestExecutionListener {

	private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
			StandardCharsets.UTF_8);

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		CONSOLE.println("Skipped " + name(test) + ": " + reason);
	}

	private static String name(TestIdentifier test) {
		TestSource source = test.getSource().orElse(null);
		if (source instanceof ClassSource type) {
			return type.getClassName();
		}
		if (source instanceof MethodSource method) {
			return method.getClassName() + "." + method.getMethodName();
		}
		return test.getDisplayName();
	}

}
