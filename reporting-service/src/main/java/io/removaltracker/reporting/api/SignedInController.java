package io.removaltracker.reporting.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in to the dashboard: the name the page shows, and the token its sign-out
 * form must send (sign-out is a POST, protected against cross-site requests). Nothing
 * else about the person. The page's own call, with its session: no bearer token opens it,
 * so it is no part of the API document.
 */
@RestController
@Hidden
class SignedInController {

	@GetMapping(path = DashboardPageAccess.WHO_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> signedIn(Authentication authentication, CsrfToken csrf) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("name", StreamCaller.personName(authentication));
		answer.put("signOut", Map.of("path", "logout", "parameter", csrf.getParameterName(), "token", csrf.getToken()));
		return answer;
	}

}
