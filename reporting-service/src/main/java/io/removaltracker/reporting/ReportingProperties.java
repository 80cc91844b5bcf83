package io.removaltracker.reporting;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * reporting-service's own settings; Kafka's are Spring Boot's {@code spring.kafka.*}.
 *
 * @param asOf a fixed instant for every figure instead of the server's clock, for
 * replaying a scenario whose figures are stated for a day; unset in normal running
 * @param dashboardClientId the public client (no secret, PKCE) the dashboard signs people
 * in with at the issuer the API trusts
 * @param issuerBackChannel where the service itself reaches the issuer when that is not
 * the issuer's own address (a container network); unset, the issuer's address
 * @param stream the limits of the live stream, {@code GET /api/v1/stats/stream}
 */
@ConfigurationProperties("reporting-service")
public record ReportingProperties(Instant asOf, String dashboardClientId, String issuerBackChannel,
		@DefaultValue Stream stream) {

	/**
	 * What the open streams may cost the service. Each holds a connection (not a thread)
	 * for as long as it is open, and a little memory: the latest figures it has not yet
	 * taken.
	 *
	 * @param maxClients streams open at once in this instance; one more is refused with
	 * 503
	 * @param maxClientsPerPrincipal streams open at once for one caller (a client, or a
	 * person signed in); one more is refused with 429
	 * @param heartbeat how long a stream may stay silent before it gets a comment line,
	 * so proxies keep it and a client that has gone is found
	 * @param maxAge how long a stream stays open; then it ends and the client opens a new
	 * one, as browsers do by themselves
	 * @param sendTimeout how long a client may leave written figures unread before its
	 * stream is closed
	 */
	public record Stream(@DefaultValue("1000") int maxClients, @DefaultValue("20") int maxClientsPerPrincipal,
			@DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration maxAge,
			@DefaultValue("10s") Duration sendTimeout) {
	}

}
