package io.removaltracker.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's own WebSocket
 * client: a page with a live event stream never goes network-idle, so the command-line
 * dump and screenshot modes cannot wait for it to render. Each instance has a profile of
 * its own, so cookies and sessions do not leak between tests.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Process process;

	private final WebSocket page;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

	/**
	 * Chromium where {@code CHROMIUM} says or where Debian installs it; {@code null} when
	 * it is not installed (browser tests then skip, saying so).
	 */
	public static Path find() {
		for (String candidate : List.of(System.getenv().getOrDefault("CHROMIUM", ""), "/usr/bin/chromium",
				"/usr/bin/chromium-browser")) {
			if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return null;
	}

	public HeadlessChromium(Path executable, Path profile) throws IOException, InterruptedException {
		this.process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
				"about:blank")
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		String port = devToolsPort();
		HttpClient http = HttpClient.newHttpClient();
		JsonNode targets = JSON
			.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
					HttpResponse.BodyHandlers.ofString())
				.body());
		String pageUrl = null;
		for (JsonNode target : targets) {
			if ("page".equals(target.path("type").asText())) {
				pageUrl = target.get("webSocketDebuggerUrl").asText();
			}
		}
		this.page = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new Listener()).join();
	}

	/** A header the page sends with every request from now on (page, assets, stream). */
	public void sendOnEveryRequest(String name, String value) {
		call("Network.enable", Map.of());
		call("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(name, value)));
	}

	public void open(String url) {
		call("Page.navigate", Map.of("url", url));
	}

	/** The value of a JavaScript expression in the page. */
	public JsonNode evaluate(String expression) {
		return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result")
			.path("value");
	}

	/** The address the page is at now, after any redirects. */
	public String currentUrl() {
		return evaluate("window.location.href").asText();
	}

	public void screenshot(Path file, int width, int height) throws IOException {
		call("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
		String png = call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
		Files.createDirectories(file.getParent());
		Files.write(file, Base64.getDecoder().decode(png));
	}

	private JsonNode call(String method, Map<String, Object> params) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.answers.put(id, answer);
		ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
		message.set("params", JSON.valueToTree(params));
		this.page.sendText(message.toString(), true).join();
		try {
			JsonNode reply = answer.get(30, TimeUnit.SECONDS);
			if (reply.has("error")) {
				throw new IllegalStateException(method + " failed: " + reply.get("error"));
			}
			return reply.path("result");
		}
		catch (Exception ex) {
			throw new IllegalStateException("No answer from Chromium to " + method, ex);
		}
	}

	/**
	 * Chromium prints {@code DevTools listening on ws://127.0.0.1:PORT/...} once it is
	 * ready.
	 */
	private String devToolsPort() throws IOException {
		BufferedReader errors = new BufferedReader(
				new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = errors.readLine()) != null) {
			int at = line.indexOf("ws://127.0.0.1:");
			if (at >= 0) {
				String rest = line.substring(at + "ws://127.0.0.1:".length());
				Thread drain = new Thread(() -> errors.lines().forEach((ignored) -> {
				}), "chromium-stderr");
				drain.setDaemon(true);
				drain.start();
				return rest.substring(0, rest.indexOf('/'));
			}
		}
		throw new IllegalStateException("Chromium exited before opening DevTools");
	}

	@Override
	public void close() throws InterruptedException {
		this.page.abort();
		// Chromium's helpers (renderer, GPU, zygote) write to the profile too: all of
		// them end before the profile directory may be deleted.
		List<ProcessHandle> helpers = this.process.descendants().toList();
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
		for (ProcessHandle helper : helpers) {
			helper.destroy();
			try {
				helper.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
				helper.destroyForcibly();
			}
		}
	}

	/** Collects each message (possibly in parts) and completes the call it answers. */
	private final class Listener implements WebSocket.Listener {

		private final StringBuilder message = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
			this.message.append(part);
			if (last) {
				try {
					JsonNode reply = JSON.readTree(this.message.toString());
					if (reply.has("id")) {
						CompletableFuture<JsonNode> answer = HeadlessChromium.this.answers
							.remove(reply.get("id").asInt());
						if (answer != null) {
							answer.complete(reply);
						}
					}
				}
				catch (IOException ex) {
					// Not JSON: nothing waits for it.
				}
				this.message.setLength(0);
			}
			socket.request(1);
			return null;
		}

	}

}
