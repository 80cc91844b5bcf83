package io.removaltracker.reporting.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * One open stream, written with the servlet's non-blocking output: a write never waits
 * for the client, so no thread is ever held by a client that reads slowly or not at all.
 * <p>
 * The figures waiting for the client sit in one slot that a newer snapshot replaces: a
 * slow client skips the figures it had no time for and never queues more than one
 * snapshot, however long it lags. Writing happens on the sender's threads, one drain at a
 * time per client: a new snapshot, a due heartbeat and the container's "writable again"
 * each only ask for a drain, and what arrives while one runs is picked up by it before it
 * lets go.
 */
final class StreamClient implements WriteListener, AsyncListener {

	/**
	 * A comment line: ignored by every client, but it crosses proxies and finds the gone.
	 */
	static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.UTF_8);

	/** Why a stream ended, as counted in {@code stats.stream.closed}. */
	enum Ending {

		/** Open for {@code max-age}: the client opens a new one. */
		MAX_AGE,
		/** Left written figures unread for {@code send-timeout}. */
		SLOW,
		/** The client went away, or its connection failed. */
		GONE,
		/** The service stops. */
		SHUTDOWN;

		String tag() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

	/** Told once, when the stream has ended for any reason. */
	interface Ended {

		void ended(StreamClient client, Ending ending);

	}

	private static final long NOT_WAITING = Long.MIN_VALUE;

	private final AsyncContext async;

	private final ServletOutputStream out;

	private final String caller;

	private final Executor sender;

	private final Ended ended;

	private final long openedNanos = System.nanoTime();

	private final AtomicReference<byte[]> pending = new AtomicReference<>();

	private volatile boolean heartbeatDue;

	/** Set while a drain is queued or under way: at most one per client at a time. */
	private final AtomicBoolean draining = new AtomicBoolean();

	/** Counts the container's "writable again" calls, so a drain never misses one. */
	private final AtomicInteger wakeups = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Set at the container's first "writable": the output may not be touched before, so
	 * until then work only collects.
	 */
	private volatile boolean listening;

	/** Written but not yet flushed; used by the drainer only. */
	private boolean unflushed;

	private volatile long lastWriteNanos = this.openedNanos;

	/** Since when written data has waited for the client. */
	private volatile long waitingSinceNanos = NOT_WAITING;

	StreamClient(AsyncContext async, ServletOutputStream out, String caller, Executor sender, Ended ended) {
		this.async = async;
		this.out = out;
		this.caller = caller;
		this.sender = sender;
		this.ended = ended;
	}

	String caller() {
		return this.caller;
	}

	/** An event for the client; replaces one it has not taken yet. */
	void offer(byte[] event) {
		this.pending.set(event);
		schedule();
	}

	/** A heartbeat, if nothing has been written for that long. */
	void heartbeatIfSilentFor(long nanos, long nowNanos) {
		if (nowNanos - this.lastWriteNanos >= nanos) {
			this.heartbeatDue = true;
			schedule();
		}
	}

	boolean isOlderThan(long nanos, long nowNanos) {
		return nowNanos - this.openedNanos >= nanos;
	}

	/** Whether written data has waited for the client for longer than that. */
	boolean isStuckFor(long nanos, long nowNanos) {
		long since = this.waitingSinceNanos;
		return since != NOT_WAITING && nowNanos - since >= nanos;
	}

	/** Ends the stream (once); the client's connection is then released. */
	void close(Ending ending) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.ended.ended(this, ending);
		try {
			this.async.complete();
		}
		catch (IllegalStateException ex) {
			// Already completed by the container (the client went away).
		}
	}

	@Override
	public void onWritePossible() {
		this.listening = true;
		this.wakeups.incrementAndGet();
		schedule();
	}

	@Override
	public void onError(Throwable ex) {
		close(Ending.GONE);
	}

	@Override
	public void onError(AsyncEvent event) {
		close(Ending.GONE);
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		// The container's own limit, a minute beyond max-age, if the sweep missed it.
		close(Ending.MAX_AGE);
	}

	@Override
	public void onComplete(AsyncEvent event) {
		close(Ending.GONE);
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

	private void schedule() {
		if (!this.listening || this.closed.get() || !this.draining.compareAndSet(false, true)) {
			return;
		}
		try {
			this.sender.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// The sender has stopped: the service is shutting down.
			this.draining.set(false);
			close(Ending.SHUTDOWN);
		}
	}

	private void drain() {
		for (;;) {
			int seen = this.wakeups.get();
			boolean waiting;
			try {
				waiting = writeWhileReady();
			}
			catch (IOException | RuntimeException ex) {
				this.draining.set(false);
				close(Ending.GONE);
				return;
			}
			this.draining.set(false);
			// Work that arrived while this drain held the client is this drain's to do:
			// its own schedule() found the client busy.
			boolean more = waiting ? this.wakeups.get() != seen : this.pending.get() != null || this.heartbeatDue;
			if (!more || this.closed.get() || !this.draining.compareAndSet(false, true)) {
				return;
			}
		}
	}

	/**
	 * Writes while the connection takes data without waiting; true when it stopped
	 * because the client has not taken what was written (the container calls
	 * {@link #onWritePossible()} once it has).
	 */
	private boolean writeWhileReady() throws IOException {
		for (;;) {
			if (this.closed.get()) {
				return false;
			}
			if (!this.out.isReady()) {
				if (this.waitingSinceNanos == NOT_WAITING) {
					this.waitingSinceNanos = System.nanoTime();
				}
				return true;
			}
			this.waitingSinceNanos = NOT_WAITING;
			if (this.unflushed) {
				this.unflushed = false;
				this.out.flush();
				continue;
			}
			byte[] event = this.pending.getAndSet(null);
			if (event == null && this.heartbeatDue) {
				event = HEARTBEAT;
			}
			this.heartbeatDue = false;
			if (event == null) {
				return false;
			}
			this.out.write(event);
			this.unflushed = true;
			this.lastWriteNanos = System.nanoTime();
		}
	}

}
