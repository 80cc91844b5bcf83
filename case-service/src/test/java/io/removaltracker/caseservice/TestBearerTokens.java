package io.removaltracker.caseservice;

import java.util.LinkedHashMap;
import java.util.Map;

import io.removaltracker.testing.TestIssuer;

/**
 * Bearer tokens from the tests' issuer that name a caller: {@code client_id}, {@code azp}
 * and {@code sub} as written, e.g. {@code "azp=officer-console,sub=4f1c"}, every scope
 * granted. Real signed tokens, checked by the service's resource server like any other.
 */
public final class TestBearerTokens {

	private TestBearerTokens() {
	}

	/** The {@code Authorization} header value of a token with these identity claims. */
	public static String bearer(String claims) {
		Map<String, String> identity = new LinkedHashMap<>();
		for (String claim : claims.split(",")) {
			String[] nameAndValue = claim.split("=", 2);
			identity.put(nameAndValue[0], nameAndValue[1]);
		}
		return "Bearer " + TestIssuer.shared().tokenNaming(identity);
	}

}
