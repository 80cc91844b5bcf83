package io.removaltracker.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Access tokens for one client of the credentials file (docs/contract.md, Access), got
 * with the client-credentials grant: {@code POST tokenEndpoint} with {@code grant_type}
 * and the client's {@code scope}, authenticated with HTTP basic, id and secret
 * form-encoded first as RFC 6749 section 2.3.1 says. A token is kept and handed out again
 * until shortly before its {@code expires_in} runs out, then a new one is asked for, so a
 * long run never sends an expired token. Safe to share between threads: one asks while
 * the others wait for its answer. The secret never appears in a message or in
 * {@link #toString()}.
 */
public final class AccessTokens {

	/**
	 * Where {@code ./run-local} writes the credentials file with its default data dir.
	 */
	public static final Path DEFAULT_CREDENTIALS_FILE = Path.of("data", "credentials.json");

	/** The client upstream systems use: {@code events:write}. */
	public static final String UPSTREAM = "upstream";

	/** The client officers' tools use: {@code cases:read wanted:read}. */
	public static final String OFFICER = "officer";

	/** The client dashboards use: {@code stats:read}. */
	public static final String DASHBOARD = "dashboard";

	/** The client that reads metrics: {@code metrics:read}. */
	public static final String METRICS = "metrics";

	/** Renewal starts this long before a token expires, at most. */
	static final Duration RENEW_AHEAD = Duration.ofSeconds(60);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI tokenEndpoint;

	private final String clientName;

	private final String clientId;

	private final String basicCredentials;

	private final String scope;

	private final Clock clock;

	private volatile Issued current;

	AccessTokens(URI tokenEndpoint, String clientName, String clientId, String clientSecret, String scope,
			Clock clock) {
		this.tokenEndpoint = tokenEndpoint;
		this.clientName = clientName;
		this.clientId = clientId;
		this.basicCredentials = Base64.getEncoder()
			.encodeToString((formEncode(clientId) + ":" + formEncode(clientSecret)).getBytes(StandardCharsets.UTF_8));
		this.scope = scope;
		this.clock = clock;
	}

	/**
	 * Tokens for a client of a credentials file, with the scope the file gives it.
	 * @param credentialsFile the file {@code ./run-local} writes to
	 * {@code <data-dir>/credentials.json}
	 * @param client {@link #UPSTREAM}, {@link #OFFICER}, {@link #DASHBOARD} or
	 * {@link #METRICS}
	 * @throws IllegalStateException when the file is missing, unreadable, not JSON or
	 * lacks the client (the message says which, never a secret)
	 */
	public static AccessTokens fromCredentialsFile(Path credentialsFile, String client) {
		return fromCredentialsFile(credentialsFile, client, Clock.systemUTC());
	}

	static AccessTokens fromCredentialsFile(Path credentialsFile, String client, Clock clock) {
		JsonNode root = read(credentialsFile);
		JsonNode entry = root.path("clients").path(client);
		return new AccessTokens(URI.create(required(root, "tokenEndpoint", "tokenEndpoint", credentialsFile)), client,
				required(entry, "clientId", "clients." + client + ".clientId", credentialsFile),
				required(entry, "clientSecret", "clients." + client + ".clientSecret", credentialsFile),
				required(entry, "scope", "clients." + client + ".scope", credentialsFile), clock);
	}

	/**
	 * A valid access token, the one kept while it has time left, else a new one.
	 * @throws Unavailable when the provider cannot be reached or refuses
	 */
	public String token() {
		Issued issued = this.current;
		if (issued != null && this.clock.instant().isBefore(issued.renewAt())) {
			return issued.token();
		}
		// Renewal under the lock: the threads that find the token old wait for one
		// answer instead of each asking.
		synchronized (this) {
			Instant now = this.clock.instant();
			issued = this.current;
			if (issued == null || !now.isBefore(issued.renewAt())) {
				issued = ask(now);
				this.current = issued;
			}
			return issued.token();
		}
	}

	/** The value of an {@code Authorization} header: {@code Bearer <token>}. */
	public String authorization() {
		return "Bearer " + token();
	}

	/** The client's scope, as the credentials file gives it. */
	public String scope() {
		return this.scope;
	}

	private Issued ask(Instant now) {
		HttpRequest request = HttpRequest.newBuilder(this.tokenEndpoint)
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + this.basicCredentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + formEncode(this.scope)))
			.build();
		HttpResponse<String> answer;
		try {
			answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new Unavailable("no answer from the identity provider at " + this.tokenEndpoint + " (" + ex
					+ "); is the local stack running (./run-local)?", true, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unavailable("interrupted while asking " + this.tokenEndpoint + " for a token", true, ex);
		}
		if (answer.statusCode() != 200) {
			throw new Unavailable("the identity provider at " + this.tokenEndpoint + " refused a token to " + this
					+ ": " + answer.statusCode() + " " + answer.body(), answer.statusCode() >= 500, null);
		}
		JsonNode body;
		try {
			body = JSON.readTree(answer.body());
		}
		catch (JacksonException ex) {
			throw new Unavailable("the identity provider at " + this.tokenEndpoint + " answered 200 without JSON",
					false, ex);
		}
		String accessToken = body.path("access_token").asText("");
		if (accessToken.isEmpty()) {
			throw new Unavailable(
					"the identity provider at " + this.tokenEndpoint + " answered 200 without an " + "access_token",
					false, null);
		}
		// Timed from before the request, so the token is renewed early rather than late;
		// without expires_in, the provider's usual minute is assumed.
		Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(60));
		Duration ahead = lifetime.dividedBy(4);
		if (ahead.compareTo(RENEW_AHEAD) > 0) {
			ahead = RENEW_AHEAD;
		}
		return new Issued(accessToken, now.plus(lifetime).minus(ahead));
	}

	private static JsonNode read(Path file) {
		try {
			return JSON.readTree(Files.readString(file));
		}
		catch (NoSuchFileException ex) {
			throw new IllegalStateException("there is no credentials file " + file.toAbsolutePath()
					+ ": ./run-local writes it to <data-dir>/credentials.json when its identity provider first starts",
					ex);
		}
		catch (AccessDeniedException ex) {
			throw new IllegalStateException("the credentials file " + file.toAbsolutePath()
					+ " cannot be read by this user (it is readable by its owner only)", ex);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("the credentials file " + file.toAbsolutePath() + " is not JSON", ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("the credentials file " + file.toAbsolutePath() + " cannot be read: " + ex,
					ex);
		}
	}

	private static String required(JsonNode node, String field, String path, Path file) {
		String value = node.path(field).asText("");
		if (value.isBlank()) {
			throw new IllegalStateException("the credentials file " + file.toAbsolutePath() + " has no " + path);
		}
		return value;
	}

	private static String formEncode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "client '" + this.clientName + "' (" + this.clientId + ", scope " + this.scope + ")";
	}

	/** A token and when to ask for the next one. */
	private record Issued(String token, Instant renewAt) {

	}

	/**
	 * No token could be had. {@link #retryable()} when the provider did not answer or
	 * failed (it may be starting); not when it refused the client or its scope.
	 */
	public static final class Unavailable extends IllegalStateException {

		private final boolean retryable;

		Unavailable(String message, boolean retryable, Throwable cause) {
			super(message, cause);
			this.retryable = retryable;
		}

		public boolean retryable() {
			return this.retryable;
		}

	}

}
