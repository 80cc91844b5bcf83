package io.removaltracker.localstack.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.removaltracker.simulator.KafkaCredentials;
import io.removaltracker.events.Topics;
import io.removaltracker.events.intake.IntakeEvent;
import io.removaltracker.simulator.AccessTokens;
import io.removaltracker.simulator.IntakeEventJson;
import io.removaltracker.simulator.RandomTraffic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Upstream traffic for one scenario: random case histories from the simulator's
 * generator, every other case over {@code POST /api/v1/events} (spread over the
 * case-service instances, each case always to the same one) and the others over the Kafka
 * intake topic, at a steady rate until stopped. Every event is followed to its last
 * answer ({@link Acks}), and every case sent is counted by the oracle ({@link HandCount})
 * before its first event leaves. Over HTTP a 503, a 5xx or a broken connection is retried
 * with the same eventId, as the contract makes safe, for up to {@link #GIVE_UP_AFTER};
 * each request carries a token of the upstream client.
 * <p>
 * Not the simulator's {@code HttpIntakePublisher}: the suite retries every 5xx, not only
 * 503, longer, over several case-service instances, and tells {@link Acks} each
 * intermediate answer, which the publisher's tally does not keep.
 */
final class Load implements AutoCloseable {

	static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);

	private static final int HTTP_CLIENTS = 8;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<URI> endpoints;

	private final AccessTokens tokens;

	private final KafkaProducer<String, IntakeEvent> kafka;

	private final Acks acks;

	private final Consumer<IntakeEvent> oracle;

	private final RandomTraffic traffic;

	private final double eventsPerSecond;

	private final List<BlockingQueue<IntakeEvent>> queues = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean stopped;

	private volatile boolean closed;

	private long cases;

	/**
	 * @param seed the generator's seed: also part of every case id, so each scenario's
	 * cases are its own
	 * @param end no event happens at or after this instant
	 */
	Load(long seed, Instant end, double eventsPerSecond, List<String> caseServiceUrls, AccessTokens tokens,
			Map<String, Object> kafkaClient, String registryUrl, Acks acks, Consumer<IntakeEvent> oracle) {
		this.traffic = new RandomTraffic(seed, Integer.MAX_VALUE, end);
		this.eventsPerSecond = eventsPerSecond;
		this.endpoints = caseServiceUrls.stream().map((url) -> URI.create(url + "/api/v1/events")).toList();
		this.tokens = tokens;
		this.acks = acks;
		this.oracle = oracle;
		this.kafka = intakeProducer(kafkaClient, registryUrl, "chaos-load-" + seed);
	}

	/**
	 * An upstream producer as the contract describes one; it waits out a broker restart.
	 * @param kafkaClient the bootstrap servers and the upstream principal's settings
	 */
	static KafkaProducer<String, IntakeEvent> intakeProducer(Map<String, Object> kafkaClient, String registryUrl,
			String clientId) {
		Map<String, Object> config = new HashMap<>(KafkaCredentials.kafkaSettings(kafkaClient));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) GIVE_UP_AFTER.toMillis());
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		return new KafkaProducer<>(config, Topics.CASE_INTAKE.keySerde().serializer(),
				Topics.CASE_INTAKE.valueSerde(KafkaCredentials.serdeSettings(kafkaClient, registryUrl)).serializer());
	}

	void start() {
		for (int i = 0; i < HTTP_CLIENTS; i++) {
			BlockingQueue<IntakeEvent> queue = new ArrayBlockingQueue<>(256);
			this.queues.add(queue);
			URI endpoint = this.endpoints.get(i % this.endpoints.size());
			this.threads.add(daemon("chaos-http-" + i, () -> work(queue, endpoint)));
		}
		this.threads.add(daemon("chaos-load", this::generate));
	}

	static Thread daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Sends no new case; the cases begun are finished. */
	void stop() throws InterruptedException {
		this.stopped = true;
		this.threads.get(this.threads.size() - 1).join(TimeUnit.MINUTES.toMillis(5));
	}

	/** Waits until every event sent has its last answer; false when time ran out. */
	boolean awaitAnswers(Duration timeout) throws InterruptedException {
		this.kafka.flush();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.acks.pending() > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(200);
		}
		return this.acks.pending() == 0;
	}

	long cases() {
		return this.cases;
	}

	@Override
	public void close() {
		this.stopped = true;
		this.closed = true;
		this.threads.forEach(Thread::interrupt);
		this.kafka.close(Duration.ofSeconds(10));
	}

	private void generate() {
		long start = System.nanoTime();
		long events = 0;
		try {
			while (!this.stopped && this.traffic.hasNext()) {
				List<IntakeEvent> aCase = this.traffic.next();
				aCase.forEach(this.oracle);
				long index = this.cases++;
				boolean overHttp = (index % 2) == 0;
				BlockingQueue<IntakeEvent> queue = this.queues.get((int) ((index / 2) % HTTP_CLIENTS));
				for (IntakeEvent event : aCase) {
					this.acks.sending();
					if (overHttp) {
						queue.put(event);
					}
					else {
						sendToKafka(event);
					}
					events++;
					long due = start + (long) (events * 1e9 / this.eventsPerSecond);
					long now = System.nanoTime();
					if (due > now) {
						LockSupport.parkNanos(due - now);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void sendToKafka(IntakeEvent event) {
		try {
			this.kafka.send(new ProducerRecord<>(Topics.CASE_INTAKE.name(), event.getCaseId(), event),
					(metadata, failure) -> {
						if (failure == null) {
							this.acks.acknowledged(event.getEventId(), "kafka acknowledged");
						}
						else {
							this.acks.refused(event.getEventId(), "kafka not acknowledged", failure.toString());
						}
					});
		}
		catch (RuntimeException ex) {
			this.acks.refused(event.getEventId(), "kafka not acknowledged", ex.toString());
		}
	}

	private void work(BlockingQueue<IntakeEvent> queue, URI endpoint) {
		while (!this.closed) {
			try {
				IntakeEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
				if (event != null) {
					post(event, endpoint);
				}
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** One event over HTTP, retried with the same eventId until a final answer. */
	private void post(IntakeEvent event, URI endpoint) throws InterruptedException {
		String json = IntakeEventJson.write(event);
		long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
		String last = "no answer";
		for (int attempt = 0; System.nanoTime() < deadline && !this.closed; attempt++) {
			try {
				// The token is asked for on every attempt: retries may outlast one.
				HttpRequest request = HttpRequest.newBuilder(endpoint)
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.header("Authorization", this.tokens.authorization())
					.POST(HttpRequest.BodyPublishers.ofString(json))
					.build();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status == 201 || status == 200) {
					this.acks.acknowledged(event.getEventId(), "http " + status);
					return;
				}
				if (status < 500) {
					this.acks.refused(event.getEventId(), "http " + status, response.body());
					return;
				}
				this.acks.answer("http " + status);
				if (status != 503) {
					this.acks.problem(event.getEventId(), "http " + status, response.body());
				}
				last = status + " " + response.body();
			}
			catch (IOException ex) {
				this.acks.answer("http no answer");
				last = ex.toString();
			}
			catch (AccessTokens.Unavailable ex) {
				if (!ex.retryable()) {
					this.acks.refused(event.getEventId(), "http no token", ex.getMessage());
					return;
				}
				this.acks.answer("http no token");
				last = ex.getMessage();
			}
			LockSupport.parkNanos(Duration.ofMillis(Math.min(2000, 100L << Math.min(attempt, 5))).toNanos());
		}
		this.acks.refused(event.getEventId(), "http gave up", last);
	}

}
