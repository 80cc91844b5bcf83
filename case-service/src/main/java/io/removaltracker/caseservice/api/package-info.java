/**
 * The HTTP API of contract section 2: intake as JSON, the case and its events, every
 * error as {@code application/problem+json}.
 */
package io.removaltracker.caseservice.api;
