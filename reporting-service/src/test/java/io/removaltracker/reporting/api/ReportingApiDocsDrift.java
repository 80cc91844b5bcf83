package io.removaltracker.reporting.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.TextNode;
import io.removaltracker.testing.ApiDocsDrift;
import io.removaltracker.testing.HttpJson;
import org.junit.jupiter.api.DynamicNode;

import org.springframework.context.ApplicationContext;

import static io.removaltracker.testing.ApiDocsDrift.answersExactly;
import static io.removaltracker.testing.ApiDocsDrift.provenBy;

/**
 * reporting-service's OpenAPI document against its code ({@link ApiDocsDrift}): the
 * figures and the stream as documented, the dashboard page's own call
 * ({@code GET /api/v1/me}, opened by a browser session, never by a token) left out.
 */
final class ReportingApiDocsDrift {

	static final String STATS = "GET /api/v1/stats";

	static final String STREAM = "GET /api/v1/stats/stream";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private ReportingApiDocsDrift() {
	}

	static Stream<DynamicNode> of(String baseUrl, ApplicationContext context) {
		return ApiDocsDrift.of(baseUrl, context, Set.of("GET " + DashboardPageAccess.WHO_PATH),
				answersExactly(STATS, 200, (http) -> http.get("/api/v1/stats")),
				answersExactly(STREAM, 200, ReportingApiDocsDrift::openStream),
				provenBy("StatsStreamLimitsTest", STREAM, 429),
				provenBy("IssuerAwayTest (the issuer away), StatsStreamLimitsTest (streams full)",
						ApiDocsDrift.ANY_OPERATION, 503));
	}

	/**
	 * The stream's status and type as it opens; its events go on, so the body is left.
	 */
	private static HttpJson.Answer openStream(HttpJson http) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/v1/stats/stream"))
			.header("Accept", "text/event-stream")
			.header("Authorization", http.authorization().get())
			.build();
		try {
			HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
			response.body().close();
			return new HttpJson.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					TextNode.valueOf(""), null);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
