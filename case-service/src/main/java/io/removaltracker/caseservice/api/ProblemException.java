package io.removaltracker.caseservice.api;

import java.util.Map;

/**
 * An answer that is a problem: status, the rule's short name, a title, a detail, field
 * errors.
 */
final class ProblemException extends RuntimeException {

	private final int status;

	private final String rule;

	private final String title;

	private final Map<String, String> fieldErrors;

	ProblemException(int status, String rule, String title, String detail, Map<String, String> fieldErrors) {
		super(detail);
		this.status = status;
		this.rule = rule;
		this.title = title;
		this.fieldErrors = fieldErrors;
	}

	ProblemException(int status, String rule, String title, String detail) {
		this(status, rule, title, detail, Map.of());
	}

	int status() {
		return this.status;
	}

	String rule() {
		return this.rule;
	}

	String title() {
		return this.title;
	}

	Map<String, String> fieldErrors() {
		return this.fieldErrors;
	}

}
