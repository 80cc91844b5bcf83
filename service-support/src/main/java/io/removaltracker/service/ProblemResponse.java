package io.removaltracker.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem (RFC 9457, {@link ProblemHandling}'s shape) that this endpoint answers, for
 * its OpenAPI description: the status and when it comes. {@link ApiDocs} documents it
 * with the shared problem schema; the answers every endpoint can give (401, 403, 503) are
 * added there and need no annotation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

	int status();

	/** When the endpoint answers with this status, in a sentence. */
	String when();

	/** The problems of one endpoint. */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		ProblemResponse[] value();

	}

}
