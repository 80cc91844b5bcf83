package io.removaltracker.benchmarks.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.removaltracker.events.common.Region;

/**
 * Officers reading the wanted list at once: each reader asks for one region's first page
 * of 50, the next region each time, until the time is up. The one load the exhaustion and
 * decade benchmarks both put on monitoring-service.
 */
public final class WantedReaders {

	private WantedReaders() {
	}

	/**
	 * Runs {@code clients} readers for {@code seconds}; a 200's time goes into
	 * {@code latencies}, every answer (status or exception) is tallied in {@code answers}
	 * and counted in {@code requests}.
	 */
	public static void read(HttpClient http, String monitoringUrl, String authorization, int seconds, int clients,
			Latencies latencies, Map<String, AtomicInteger> answers, AtomicLong requests) throws InterruptedException {
		String base = monitoringUrl + "/api/v1/wanted?size=50&region=";
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			Thread thread = new Thread(() -> {
				Region[] regions = Region.values();
				for (int i = 0; System.nanoTime() < until; i++) {
					HttpRequest request = HttpRequest
						.newBuilder(URI.create(base + regions[(client + i) % regions.length].name()))
						.timeout(Duration.ofSeconds(30))
						.header("Authorization", authorization)
						.build();
					long sent = System.nanoTime();
					String answer;
					try {
						int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						answer = "HTTP " + status;
						if (status == 200) {
							latencies.add(System.nanoTime() - sent);
						}
					}
					catch (IOException ex) {
						answer = ex.getClass().getSimpleName();
					}
					catch (InterruptedException ex) {
						return;
					}
					requests.incrementAndGet();
					answers.computeIfAbsent(answer, (key) -> new AtomicInteger()).incrementAndGet();
				}
			}, "wanted-reader-" + c);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

}
