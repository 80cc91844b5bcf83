package io.removaltracker.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.removaltracker.events.intake.IntakeEvent;

/**
 * Publishes over {@code POST /api/v1/events}, with several clients at once. Each case is
 * always sent by the same client, one event after the other's answer, so its events
 * arrive in order; different cases go in parallel. A 503 (case-service starting or moving
 * partitions) or a broken connection is retried with the same eventId, which the contract
 * makes safe; a 429 (over the caller's rate limit) is retried after the
 * {@code Retry-After} it names; any other answer is final. Each request carries a bearer
 * token of the {@code upstream} client ({@link AccessTokens}), renewed before it expires.
 */
public final class HttpIntakePublisher implements IntakePublisher {

	private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI endpoint;

	private final AccessTokens tokens;

	private final List<BlockingQueue<IntakeEvent>> queues = new ArrayList<>();

	private final List<Thread> workers = new ArrayList<>();

	private final Tally tally = new Tally();

	private final Object answered = new Object();

	private long pending;

	private volatile boolean closed;

	/**
	 * @param caseServiceUrl e.g. {@code http://127.0.0.1:8080}
	 * @param clients how many requests may be open at once
	 * @param tokens the tokens of a client with {@code events:write}
	 */
	public HttpIntakePublisher(String caseServiceUrl, int clients, AccessTokens tokens) {
		if (clients < 1) {
			throw new IllegalArgumentException("clients must be at least 1, not " + clients);
		}
		this.tokens = Objects.requireNonNull(tokens, "tokens");
		this.endpoint = URI.create(caseServiceUrl.replaceAll("/+$", "") + "/api/v1/events");
		for (int i = 0; i < clients; i++) {
			BlockingQueue<IntakeEvent> queue = new ArrayBlockingQueue<>(64);
			this.queues.add(queue);
			Thread worker = new Thread(() -> work(queue), "http-intake-" + i);
			worker.setDaemon(true);
			worker.start();
			this.workers.add(worker);
		}
	}

	@Override
	public void publish(IntakeEvent event) throws InterruptedException {
		synchronized (this.answered) {
			this.pending++;
		}
		this.tally.sent();
		this.queues.get(Math.floorMod(event.getCaseId().hashCode(), this.queues.size())).put(event);
	}

	@Override
	public void flush() throws InterruptedException {
		synchronized (this.answered) {
			while (this.pending > 0) {
				this.answered.wait();
			}
		}
	}

	@Override
	public Tally tally() {
		return this.tally;
	}

	@Override
	public String describe() {
		return "POST " + this.endpoint + " with " + this.queues.size() + " client(s)";
	}

	@Override
	public void close() {
		this.closed = true;
		this.workers.forEach(Thread::interrupt);
	}

	private void work(BlockingQueue<IntakeEvent> queue) {
		while (!this.closed) {
			IntakeEvent event;
			try {
				event = queue.poll(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				return;
			}
			if (event != null) {
				send(event);
				synchronized (this.answered) {
					this.pending--;
					this.answered.notifyAll();
				}
			}
		}
	}

	/**
	 * The wait a 429 asks for ({@code Retry-After} in seconds), 1 s when unreadable, 30 s
	 * at most.
	 */
	static Duration retryAfter(HttpResponse<?> response) {
		try {
			long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").trim());
			return Duration.ofSeconds(Math.max(1, Math.min(30, seconds)));
		}
		catch (NumberFormatException ex) {
			return Duration.ofSeconds(1);
		}
	}

	private void send(IntakeEvent event) {
		String json = IntakeEventJson.write(event);
		long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
		String last = "no answer";
		for (int attempt = 0; System.nanoTime() < deadline && !this.closed; attempt++) {
			try {
				// Asked for on every attempt: a long run of retries may outlast a token.
				HttpRequest request = HttpRequest.newBuilder(this.endpoint)
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.header("Authorization", this.tokens.authorization())
					.POST(HttpRequest.BodyPublishers.ofString(json))
					.build();
				HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status == 201) {
					this.tally.accepted("201 created");
					return;
				}
				if (status == 200) {
					this.tally.accepted("200 repeat");
					return;
				}
				if (status == 429) {
					// Over the caller's rate: come back when the service says, not
					// sooner.
					last = "429 " + response.body();
					LockSupport.parkNanos(retryAfter(response).toNanos());
					continue;
				}
				if (status != 503) {
					this.tally.failed(String.valueOf(status), event.getCaseId(), response.body());
					return;
				}
				last = "503 " + response.body();
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			catch (AccessTokens.Unavailable ex) {
				if (!ex.retryable()) {
					this.tally.failed("no token", event.getCaseId(), ex.getMessage());
					return;
				}
				last = ex.getMessage();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			LockSupport.parkNanos(Duration.ofMillis(Math.min(1000, 50L << Math.min(attempt, 5))).toNanos());
		}
		this.tally.failed("gave up", event.getCaseId(), last);
	}

}
