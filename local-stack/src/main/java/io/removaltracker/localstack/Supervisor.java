package io.removaltracker.localstack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the parts of a running stack running, as a platform would: a part that dies is
 * reported (name, exit code, how long it was up, the last lines of its log) and started
 * again after a growing pause ({@link RestartBackOff}), while the others run on. A
 * service that says it is broken (its liveness probe answers 503 three times in a row) is
 * stopped and started again the same way. Driven by {@link #check()} from the launcher's
 * one watching thread, so nothing here blocks for long.
 */
final class Supervisor {

	static final Duration LIVENESS_EVERY = Duration.ofSeconds(5);

	static final int BROKEN_ANSWERS_TO_RESTART = 3;

	static final Duration STOP_GRACE = Duration.ofSeconds(30);

	/** Starts a part again, unless the stack is stopping; false when it did not. */
	@FunctionalInterface
	interface Starter {

		boolean start(Part part) throws IOException;

	}

	/** Where the supervisor speaks: timed lines, and plain lines under them. */
	interface Console {

		void say(String line);

		void print(String line);

	}

	private enum State {

		UP, STOPPING, WAITING, STARTING

	}

	private static final class Watch {

		final Part part;

		final RestartBackOff backOff = new RestartBackOff();

		State state = State.UP;

		long due;

		long nextLivenessCheck;

		int brokenAnswers;

		long diedAt;

		Watch(Part part) {
			this.part = part;
		}

	}

	private final List<Watch> watches = new ArrayList<>();

	private final Starter starter;

	private final Console console;

	private final Duration startupTimeout;

	Supervisor(Starter starter, Console console, Duration startupTimeout) {
		this.starter = starter;
		this.console = console;
		this.startupTimeout = startupTimeout;
	}

	/** Watches a part that is running and ready. */
	void watch(Part part) {
		Watch watch = new Watch(part);
		watch.nextLivenessCheck = System.nanoTime() + LIVENESS_EVERY.toNanos();
		this.watches.add(watch);
	}

	/** One look at every part: reports deaths, starts parts whose pause is over. */
	void check() {
		for (Watch watch : this.watches) {
			check(watch, System.nanoTime());
		}
	}

	private void check(Watch watch, long now) {
		Part part = watch.part;
		switch (watch.state) {
			case UP -> {
				if (!part.isRunning()) {
					died(watch, now);
				}
				else if (now >= watch.nextLivenessCheck) {
					watch.nextLivenessCheck = now + LIVENESS_EVERY.toNanos();
					watch.brokenAnswers = part.saysBroken() ? watch.brokenAnswers + 1 : 0;
					if (watch.brokenAnswers >= BROKEN_ANSWERS_TO_RESTART) {
						this.console.say(part.name() + " says it is broken (liveness DOWN " + BROKEN_ANSWERS_TO_RESTART
								+ " times in a row); stopping it to start it again");
						stopThenRestart(watch, now);
					}
				}
			}
			case STOPPING -> {
				if (!part.isRunning()) {
					died(watch, now);
				}
				else if (now >= watch.due) {
					part.kill();
				}
			}
			case WAITING -> {
				if (now >= watch.due) {
					restart(watch, now);
				}
			}
			case STARTING -> {
				if (!part.isRunning()) {
					died(watch, now);
				}
				else if (part.isReady()) {
					watch.state = State.UP;
					watch.brokenAnswers = 0;
					watch.nextLivenessCheck = now + LIVENESS_EVERY.toNanos();
					this.console.say(String.format(Locale.ROOT, "%s ready again (restart %d, %.1f s after it died)",
							part.name(), part.starts() - 1, (now - watch.diedAt) / 1e9));
				}
				else if (now >= watch.due) {
					this.console.say(part.name() + " was not ready " + this.startupTimeout.toSeconds()
							+ " s after its restart; stopping it to try again");
					stopThenRestart(watch, now);
				}
			}
		}
	}

	private void stopThenRestart(Watch watch, long now) {
		watch.part.askToStop();
		watch.state = State.STOPPING;
		watch.due = now + STOP_GRACE.toNanos();
	}

	private void died(Watch watch, long now) {
		Part part = watch.part;
		Duration uptime = part.uptime();
		Duration pause = watch.backOff.afterDeath(uptime);
		watch.diedAt = now;
		watch.state = State.WAITING;
		watch.due = now + pause.toNanos();
		this.console.print(String.format(Locale.ROOT,
				"local-stack: %s stopped on its own (exit code %d) after %.1f s up. Last lines of %s:", part.name(),
				part.exitCode(), uptime.toMillis() / 1000.0, part.log()));
		part.logTail(15).forEach((line) -> this.console.print("    " + line));
		this.console.say("Restarting " + part.name() + " in " + pause.toSeconds() + " s (restart " + part.starts()
				+ "); the other parts run on.");
	}

	private void restart(Watch watch, long now) {
		try {
			if (this.starter.start(watch.part)) {
				watch.state = State.STARTING;
				watch.due = now + this.startupTimeout.toNanos();
			}
		}
		catch (IOException ex) {
			Duration pause = watch.backOff.afterDeath(Duration.ZERO);
			watch.due = now + pause.toNanos();
			this.console.say("Could not start " + watch.part.name() + " (" + ex.getMessage() + "); trying again in "
					+ pause.toSeconds() + " s");
		}
	}

}
