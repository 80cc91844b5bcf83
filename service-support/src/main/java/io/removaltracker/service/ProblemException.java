package io.removaltracker.service;

import java.util.Map;

/**
 * An answer that is a problem (RFC 9457): status, the rule's short name (the problem type
 * is {@value ProblemHandling#TYPE_PREFIX}{@code <rule>}), a title, a detail, field
 * errors.
 */
public class ProblemException extends RuntimeException {

	private final int status;

	private final String rule;

	private final String title;

	private final Map<String, String> fieldErrors;

	public ProblemException(int status, String rule, String title, String detail, Map<String, String> fieldErrors) {
		super(detail);
		this.status = status;
		this.rule = rule;
		this.title = title;
		this.fieldErrors = fieldErrors;
	}

	public ProblemException(int status, String rule, String title, String detail) {
		this(status, rule, title, detail, Map.of());
	}

	public int status() {
		return this.status;
	}

	public String rule() {
		return this.rule;
	}

	public String title() {
		return this.title;
	}

	public Map<String, String> fieldErrors() {
		return this.fieldErrors;
	}

}
