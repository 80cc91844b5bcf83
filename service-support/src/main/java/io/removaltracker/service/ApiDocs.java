package io.removaltracker.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * What every service's OpenAPI document ({@code /v3/api-docs}, built by springdoc from
 * the controllers) shares: how to get in and how a refusal looks. Each operation gets the
 * security of its {@link AccessRules} row (a bearer JWT, or the issuer's OAuth 2.0
 * client-credentials flow, with that row's scope), the answers every operation can give
 * (401 without a valid token, 403 without the scope, 503 while the issuer or the
 * service's state is away), the problems its controller declares with
 * {@link ProblemResponse}, and every problem the one {@value #PROBLEM_SCHEMA} schema.
 * <p>
 * An operation that no row of {@link AccessRules} names is refused to everyone, so
 * documenting it would be wrong: the document is not built (an error) until a row names
 * it.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocs {

	public static final String PROBLEM_SCHEMA = "Problem";

	/** A bearer token from the issuer, however it was obtained. */
	public static final String BEARER_SCHEME = "bearer-jwt";

	/**
	 * The issuer's client-credentials grant, as upstream systems and tools use it (or its
	 * discovery document, where the service cannot read it).
	 */
	public static final String OAUTH2_SCHEME = "oauth2";

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	@Bean
	OpenApiCustomizer serviceApiDocs(@Value("${spring.application.name}") String service,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer) {
		return (openApi) -> describe(openApi, service, issuer.isBlank() ? null : issuer);
	}

	/** The problems a controller method declares with {@link ProblemResponse}. */
	@Bean
	OperationCustomizer declaredProblems() {
		return (operation, handler) -> {
			for (ProblemResponse problem : handler.getMethod().getAnnotationsByType(ProblemResponse.class)) {
				responses(operation).addApiResponse(Integer.toString(problem.status()),
						problem(problem.status(), problem.when()));
			}
			return operation;
		};
	}

	static void describe(OpenAPI openApi, String service, String issuer) {
		openApi.info(new Info().title(service)
			.version("v1")
			.description("The HTTP API of " + service + ". Every operation needs an OAuth 2.0 bearer token (a JWT) "
					+ "from the configured issuer with the scope it names; every error is application/problem+json."));
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.components(components);
		components.addSchemas(PROBLEM_SCHEMA, problemSchema());
		components.addSecuritySchemes(BEARER_SCHEME,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An access token from the issuer" + ((issuer != null) ? " " + issuer : "")
							+ ", its scopes in the claim scope or scp"));
		if (issuer != null) {
			components.addSecuritySchemes(OAUTH2_SCHEME, issuerScheme(issuer));
		}
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			AccessRules.Rule rule = AccessRules.ruleFor(path)
				.orElseThrow(() -> new IllegalStateException("No row of AccessRules opens " + path
						+ ", so it is refused to everyone and must not be documented; add the row or hide it"));
			for (Map.Entry<PathItem.HttpMethod, Operation> operation : item.readOperationsMap().entrySet()) {
				secure(operation.getValue(), rule, issuer != null);
			}
		});
	}

	private static void secure(Operation operation, AccessRules.Rule rule, boolean withOAuth2) {
		operation.addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME, rule.scope()));
		if (withOAuth2) {
			operation.addSecurityItem(new SecurityRequirement().addList(OAUTH2_SCHEME, rule.scope()));
		}
		ApiResponses responses = responses(operation);
		responses.addApiResponse("401", problem(401,
				"No bearer token, or one that is malformed, expired, " + "badly signed or from another issuer"));
		responses.addApiResponse("403", problem(403, "A valid token without the scope " + rule.scope()));
		responses.addApiResponse("503", problem(503, "The issuer's keys cannot be fetched to check the token, or "
				+ "the service cannot answer yet (its state is still being read or is moving); retry shortly"));
	}

	private static ApiResponses responses(Operation operation) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		return operation.getResponses();
	}

	static ApiResponse problem(int status, String when) {
		ApiResponse response = new ApiResponse().description(when)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
		if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
			response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE,
					new Header()
						.description("Bearer, with error and error_description (RFC 6750) once a token was sent")
						.schema(new StringSchema()));
		}
		if (status == HttpStatus.TOO_MANY_REQUESTS.value() || status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			response.addHeaderObject(HttpHeaders.RETRY_AFTER,
					new Header().description("Seconds to wait before trying again").schema(new IntegerSchema()));
		}
		return response;
	}

	/** {@link ProblemHandling}'s and {@link AccessProblems}' answer. */
	private static Schema<?> problemSchema() {
		Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema())
			.addProperty("message", new StringSchema())
			.required(List.of("field", "message"));
		return new ObjectSchema().description("A problem (RFC 9457)")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("What went wrong: " + ProblemHandling.TYPE_PREFIX + "<rule>")
						.example(ProblemHandling.TYPE_PREFIX + "case-not-found"))
			.addProperty("title", new StringSchema().description("The kind of problem, in words"))
			.addProperty("status", new IntegerSchema().description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("This occurrence, in words"))
			.addProperty("instance", new StringSchema().format("uri-reference").description("The path asked for"))
			.addProperty("errors",
					new ArraySchema().items(fieldError).description("The fields at fault, when fields were"))
			.required(List.of("type", "title", "status", "detail"));
	}

	/**
	 * The issuer's client-credentials flow, its token endpoint read from the issuer's
	 * discovery document when the document is built (on the first request for it). A
	 * service that reaches the issuer only at another address (its keys from
	 * {@code jwk-set-uri}) cannot read it; the scheme then points at the discovery
	 * document itself ({@code openIdConnect}), which a client outside reads.
	 */
	private static SecurityScheme issuerScheme(String issuer) {
		String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		String discovery = base + "/.well-known/openid-configuration";
		Optional<String> tokenEndpoint = tokenEndpoint(URI.create(discovery));
		if (tokenEndpoint.isEmpty()) {
			return new SecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
				.description("The issuer " + issuer + "; clients use the client-credentials grant")
				.openIdConnectUrl(discovery);
		}
		Scopes scopes = new Scopes();
		Map<String, String> sorted = new TreeMap<>();
		AccessRules.RULES.forEach((rule) -> sorted.put(rule.scope(), "Opens " + String.join(", ", rule.paths())));
		scopes.putAll(sorted);
		return new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
			.description("Client credentials from the issuer " + issuer)
			.flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl(tokenEndpoint.get()).scopes(scopes)));
	}

	private static Optional<String> tokenEndpoint(URI discovery) {
		try {
			HttpResponse<String> answer = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(2))
				.build()
				.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(3)).GET().build(),
						HttpResponse.BodyHandlers.ofString());
			JsonNode endpoint = (answer.statusCode() != 200) ? null
					: JsonMapper.builder().build().readTree(answer.body()).path("token_endpoint");
			return (endpoint != null && endpoint.isString()) ? Optional.of(endpoint.asString()) : Optional.empty();
		}
		catch (IOException | JacksonException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

}
