package io.removaltracker.service;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what (docs/contract.md, Access), the one table every service enforces:
 * each path and the scope a bearer token must carry for it. The health probes are open;
 * whatever is in no row is refused to everyone.
 */
public final class AccessRules {

	public static final String EVENTS_WRITE = "events:write";

	public static final String CASES_READ = "cases:read";

	public static final String WANTED_READ = "wanted:read";

	public static final String STATS_READ = "stats:read";

	public static final String METRICS_READ = "metrics:read";

	/**
	 * The probes a platform polls without a token; they answer anonymous callers with the
	 * status alone (details need {@value #METRICS_READ}, see service-defaults).
	 */
	public static final List<String> OPEN_PROBES = List.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	/**
	 * A row of the table: the scope, and the paths (any method: a wrong method still
	 * answers 405, as before access control) it opens. The probes are matched before the
	 * actuator row.
	 */
	public record Rule(String scope, List<String> paths) {

		Rule(String scope, String... paths) {
			this(scope, List.of(paths));
		}

		RequestMatcher matcher() {
			return new OrRequestMatcher(this.paths.stream()
				.map((path) -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path))
				.toList());
		}

		/** The authority Spring Security derives from a scope in the token. */
		public String authority() {
			return "SCOPE_" + this.scope;
		}

	}

	/**
	 * The dashboard page of reporting-service and its assets. A browser without a token
	 * signs a person in (reporting's own chain); a client that brings a bearer token is
	 * checked like any API caller: the page shows the figures, so it needs their scope.
	 */
	public static final List<String> DASHBOARD_PAGE = List.of("/", "/index.html", "/dashboard.css", "/dashboard.js");

	/** The table itself; {@code /**} also matches the path without a trailing segment. */
	public static final List<Rule> RULES = List.of(new Rule(EVENTS_WRITE, "/api/v1/events"),
			new Rule(CASES_READ, "/api/v1/cases/**"), new Rule(WANTED_READ, "/api/v1/wanted/**"),
			new Rule(STATS_READ,
					Stream.concat(Stream.of("/api/v1/stats", "/api/v1/stats/stream"), DASHBOARD_PAGE.stream())
						.toList()),
			new Rule(METRICS_READ, "/actuator/**"));

	/**
	 * The description of the API itself (the OpenAPI document and Swagger UI, see
	 * {@link ApiDocs}): any valid token from the issuer, whatever its scopes. It holds no
	 * data, and every client may read how to call what its own scope opens.
	 */
	public static final List<String> API_DOCS = List.of("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**");

	private AccessRules() {
	}

	static RequestMatcher openProbes() {
		return anyOf(OPEN_PROBES);
	}

	static RequestMatcher apiDocs() {
		return anyOf(API_DOCS);
	}

	private static RequestMatcher anyOf(List<String> paths) {
		return new OrRequestMatcher(
				paths.stream().map((path) -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path)).toList());
	}

	/**
	 * The row an operation at this path falls under, the path as the API documents it (a
	 * template such as {@code /api/v1/cases/{caseId}}, whose variables match a pattern's
	 * wildcards like any segment).
	 */
	public static Optional<Rule> ruleFor(String path) {
		PathContainer template = PathContainer.parsePath(path);
		return RULES.stream()
			.filter((rule) -> rule.paths()
				.stream()
				.anyMatch((pattern) -> PathPatternParser.defaultInstance.parse(pattern).matches(template)))
			.findFirst();
	}

	/**
	 * The row a request falls under, if any (for telling a refused caller what it lacks).
	 */
	static Optional<Rule> ruleFor(HttpServletRequest request) {
		return RULES.stream().filter((rule) -> rule.matcher().matches(request)).findFirst();
	}

}
