/**
 * The HTTP API (docs/contract.md, Intake): intake as JSON, the case and its events, every
 * error as {@code application/problem+json}.
 */
package io.removaltracker.caseservice.api;
