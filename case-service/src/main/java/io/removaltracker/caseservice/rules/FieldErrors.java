package io.removaltracker.caseservice.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Field-level messages, in the order found, one per field. */
public final class FieldErrors {

	private final Map<String, String> byField = new LinkedHashMap<>();

	public FieldErrors add(String field, String message) {
		this.byField.putIfAbsent(field, message);
		return this;
	}

	public boolean isEmpty() {
		return this.byField.isEmpty();
	}

	public Map<String, String> asMap() {
		return Collections.unmodifiableMap(this.byField);
	}

	/** One line naming every field at fault, for a problem's {@code detail}. */
	public String summary() {
		StringBuilder summary = new StringBuilder();
		this.byField.forEach((field, message) -> summary.append((summary.length() == 0) ? "" : "; ")
			.append(field)
			.append(": ")
			.append(message));
		return summary.toString();
	}

}
