package io.removaltracker.caseservice;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.removaltracker.caseservice.api.IntakeJsonFixtures;
import io.removaltracker.testing.HttpJson.Answer;
import io.removaltracker.testing.HttpJson;

/**
 * Clients opening new cases over HTTP as fast as answers come, noting every eventId they
 * were told was accepted (201), until stopped; a request the service never answered
 * claims nothing.
 */
final class OpeningTraffic implements AutoCloseable {

	private final Set<String> accepted = ConcurrentHashMap.newKeySet();

	private final CountDownLatch firstAccepted;

	private final AtomicBoolean stop = new AtomicBoolean();

	private final ExecutorService clients;

	OpeningTraffic(HttpJson target, int clientCount, int acceptedToWaitFor) {
		this.firstAccepted = new CountDownLatch(acceptedToWaitFor);
		this.clients = Executors.newFixedThreadPool(clientCount);
		for (int i = 0; i < clientCount; i++) {
			this.clients.submit(() -> {
				while (!this.stop.get()) {
					String eventId = UUID.randomUUID().toString();
					try {
						Answer answer = target.postJson(IntakeJsonFixtures.caseOpened(eventId,
								IntakeJsonFixtures.anyCaseId(), "DETAINED", "[]"));
						if (answer.status() == 201) {
							this.accepted.add(eventId);
							this.firstAccepted.countDown();
						}
					}
					catch (RuntimeException ex) {
						// The service is gone: no answer, so no claim either way.
					}
				}
			});
		}
	}

	/** Whether the first batch of accepted events came within the time. */
	boolean awaitAccepted(long seconds) throws InterruptedException {
		return this.firstAccepted.await(seconds, TimeUnit.SECONDS);
	}

	/** Stops the clients and returns every eventId answered 201. */
	Set<String> stop() throws InterruptedException {
		this.stop.set(true);
		this.clients.shutdown();
		if (!this.clients.awaitTermination(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Clients did not stop");
		}
		return Set.copyOf(this.accepted);
	}

	@Override
	public void close() throws InterruptedException {
		if (!this.stop.get()) {
			stop();
		}
	}

}
