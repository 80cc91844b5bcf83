package io.removaltracker.benchmarks.exhaustion;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients of the live stream that take what the service writes very slowly: each on a raw
 * socket with a small receive buffer and a thread of its own. Half read a few bytes every
 * few seconds, the other half never read after the status line. They stay open until
 * {@link #close()}.
 */
final class SlowStreamClients implements AutoCloseable {

	/** The smallest receive buffer Linux keeps; the kernel doubles what is asked. */
	private static final int RECEIVE_BUFFER = 2048;

	private static final int SLOW_READ_BYTES = 16;

	private static final long SLOW_READ_EVERY_MILLIS = 5_000;

	/** Opens at once: a real crowd arrives over time, not within one accept backlog. */
	private static final int OPENING_AT_ONCE = 32;

	private final InetSocketAddress address;

	private final String request;

	private final CountDownLatch stop = new CountDownLatch(1);

	private final CountDownLatch opened;

	private final Semaphore opening = new Semaphore(OPENING_AT_ONCE);

	private final List<Thread> threads = new ArrayList<>();

	private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger closedByService = new AtomicInteger();

	private final AtomicInteger stillOpen = new AtomicInteger();

	private final int count;

	SlowStreamClients(String host, int port, String authorization, int count) {
		this.address = new InetSocketAddress(host, port);
		this.request = "GET /api/v1/stats/stream HTTP/1.1\r\nHost: " + host + ":" + port
				+ "\r\nAccept: text/event-stream\r\nAuthorization: " + authorization + "\r\n\r\n";
		this.count = count;
		this.opened = new CountDownLatch(count);
	}

	/** Opens every client, at most a few at a time; returns once each has its answer. */
	void open() throws InterruptedException {
		for (int i = 0; i < this.count; i++) {
			boolean reads = i % 2 == 0;
			this.opening.acquire();
			Thread thread = new Thread(null, () -> run(reads), "slow-stream-" + i, 128 * 1024);
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
		this.opened.await();
	}

	private void run(boolean reads) {
		Socket socket = null;
		try {
			socket = new Socket();
			socket.setReceiveBufferSize(RECEIVE_BUFFER);
			socket.connect(this.address, 10_000);
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(this.request.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			String status = statusLine(in);
			String code = status.split(" ").length > 1 ? status.split(" ")[1] : "no status";
			count("HTTP " + code);
			if (!code.equals("200")) {
				closeQuietly(socket);
				return;
			}
			this.accepted.incrementAndGet();
		}
		catch (IOException ex) {
			count(ex.getClass().getSimpleName());
			closeQuietly(socket);
			return;
		}
		finally {
			this.opening.release();
			this.opened.countDown();
		}
		try {
			hold(socket, reads);
		}
		catch (IOException | InterruptedException ex) {
			this.closedByService.incrementAndGet();
		}
		finally {
			closeQuietly(socket);
		}
	}

	/** Until told to stop: a few bytes every few seconds, or nothing at all. */
	private void hold(Socket socket, boolean reads) throws IOException, InterruptedException {
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[8 * 1024];
		socket.setSoTimeout(50);
		while (!this.stop.await(reads ? SLOW_READ_EVERY_MILLIS : Long.MAX_VALUE / 2, TimeUnit.MILLISECONDS)) {
			try {
				if (in.read(buffer, 0, SLOW_READ_BYTES) < 0) {
					this.closedByService.incrementAndGet();
					return;
				}
			}
			catch (SocketTimeoutException ex) {
				// Nothing written since the last read.
			}
		}
		// Told to stop: whether the service has closed it, by reading what is left.
		socket.setSoTimeout(200);
		long read = 0;
		try {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				read += n;
				if (read > 4 * 1024 * 1024) {
					this.stillOpen.incrementAndGet();
					return;
				}
			}
			this.closedByService.incrementAndGet();
		}
		catch (SocketTimeoutException ex) {
			this.stillOpen.incrementAndGet();
		}
	}

	private void count(String outcome) {
		this.outcomes.computeIfAbsent(outcome, (key) -> new AtomicInteger()).incrementAndGet();
	}

	private static String statusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.append((char) b);
		}
		return line.toString().trim();
	}

	private static void closeQuietly(Socket socket) {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Closing the benchmark's own socket cannot matter.
			}
		}
	}

	int accepted() {
		return this.accepted.get();
	}

	/** How the opening ended, by status ({@code HTTP 200}, {@code HTTP 503}) or error. */
	Map<String, Integer> outcomes() {
		Map<String, Integer> outcomes = new TreeMap<>();
		this.outcomes.forEach((outcome, number) -> outcomes.put(outcome, number.get()));
		return outcomes;
	}

	/** Accepted streams the service ended before {@link #close()}; known after it. */
	int closedByService() {
		return this.closedByService.get();
	}

	/** Accepted streams still open at {@link #close()}; known after it. */
	int stillOpen() {
		return this.stillOpen.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.stop.countDown();
		for (Thread thread : this.threads) {
			thread.join(30_000);
		}
	}

}
