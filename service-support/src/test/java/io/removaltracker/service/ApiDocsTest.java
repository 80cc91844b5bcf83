package io.removaltracker.service;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ApiDocsTest {

	@Test
	void operationsTakeTheScopeOfTheirAccessRulesRowByPathTemplate() {
		assertThat(AccessRules.ruleFor("/api/v1/cases/{caseId}/events")).map(AccessRules.Rule::scope)
			.contains(AccessRules.CASES_READ);
		assertThat(AccessRules.ruleFor("/api/v1/wanted")).map(AccessRules.Rule::scope)
			.contains(AccessRules.WANTED_READ);
		assertThat(AccessRules.ruleFor("/api/v1/stats/stream")).map(AccessRules.Rule::scope)
			.contains(AccessRules.STATS_READ);
		assertThat(AccessRules.ruleFor("/api/v1/me")).isEmpty();
	}

	@Test
	void everyOperationGetsItsScopeAndTheAnswersEveryOperationCanGive() {
		OpenAPI openApi = new OpenAPI()
			.paths(new Paths().addPathItem("/api/v1/cases/{caseId}", new PathItem().get(new Operation())));

		ApiDocs.describe(openApi, "case-service", null);

		Operation read = openApi.getPaths().get("/api/v1/cases/{caseId}").getGet();
		assertThat(read.getSecurity())
			.containsExactly(new SecurityRequirement().addList(ApiDocs.BEARER_SCHEME, List.of(AccessRules.CASES_READ)));
		assertThat(read.getResponses()).containsOnlyKeys("401", "403", "503");
		assertThat(read.getResponses().get("403").getContent().get("application/problem+json").getSchema().get$ref())
			.isEqualTo("#/components/schemas/" + ApiDocs.PROBLEM_SCHEMA);
		assertThat(openApi.getComponents().getSchemas().get(ApiDocs.PROBLEM_SCHEMA).getRequired())
			.containsExactlyInAnyOrder("type", "title", "status", "detail");
	}

	@Test
	void anOperationNoRowOpensFailsTheDocumentInsteadOfBeingDocumented() {
		OpenAPI openApi = new OpenAPI()
			.paths(new Paths().addPathItem("/api/v1/secrets", new PathItem().get(new Operation())));

		assertThatIllegalStateException().isThrownBy(() -> ApiDocs.describe(openApi, "case-service", null))
			.withMessageContaining("/api/v1/secrets");
	}

	@Test
	void anIssuerWhoseDiscoveryCannotBeReadIsNamedByItsDiscoveryAddress() {
		OpenAPI openApi = new OpenAPI();

		ApiDocs.describe(openApi, "case-service", "http://127.0.0.1:1/realms/removals");

		assertThat(openApi.getComponents().getSecuritySchemes().get(ApiDocs.OAUTH2_SCHEME).getOpenIdConnectUrl())
			.isEqualTo("http://127.0.0.1:1/realms/removals/.well-known/openid-configuration");
	}

}
