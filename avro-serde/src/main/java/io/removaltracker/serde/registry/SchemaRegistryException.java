package io.removaltracker.serde.registry;

/**
 * A schema registry refused or could not answer a request. Carries the Confluent error
 * code ({@code 40401} subject not found, {@code 409} incompatible, ...) so callers can
 * tell a missing schema from an unreachable registry. Messages never contain credentials.
 */
public class SchemaRegistryException extends RuntimeException {

	public static final int SUBJECT_NOT_FOUND = 40401;

	public static final int VERSION_NOT_FOUND = 40402;

	public static final int SCHEMA_NOT_FOUND = 40403;

	public static final int INCOMPATIBLE_SCHEMA = 409;

	public static final int INVALID_SCHEMA = 42201;

	public static final int INVALID_VERSION = 42202;

	public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

	public static final int STORE_ERROR = 50001;

	/** No registry answered: connection refused, timeout, or only retryable errors. */
	public static final int UNREACHABLE = -1;

	private final int httpStatus;

	private final int errorCode;

	public SchemaRegistryException(int httpStatus, int errorCode, String message) {
		this(httpStatus, errorCode, message, null);
	}

	public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
	}

	/** HTTP status the registry answered, or -1 when none answered. */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * Whether asking again later may succeed: no registry answered, it timed out, it was
	 * overloaded (429) or failing (5xx), or it refused this client's credentials (401,
	 * 403: a configuration to fix, never a verdict on the data). A 404 or 422 is an
	 * answer: the schema is not there, or the request is wrong.
	 */
	public boolean isTransient() {
		return this.errorCode == UNREACHABLE || this.httpStatus == 401 || this.httpStatus == 403
				|| this.httpStatus == 408 || this.httpStatus == 429 || this.httpStatus >= 500;
	}

	/** Confluent error code, for example {@value #SUBJECT_NOT_FOUND}. */
	public int errorCode() {
		return this.errorCode;
	}

	static SchemaRegistryException subjectNotFound(String subject) {
		return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
	}

	static SchemaRegistryException versionNotFound(String subject, String version) {
		return new SchemaRegistryException(404, VERSION_NOT_FOUND,
				"Version " + version + " not found for subject '" + subject + "'.");
	}

	static SchemaRegistryException schemaNotFound(String what) {
		return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + what + " not found.");
	}

}
