/**
 * Who did what: the caller of an HTTP request as the contract names it (docs/contract.md,
 * Access), the record of every read of a case on {@code access-audit}, and the key
 * instances vouch to each other with.
 */
package io.removaltracker.caseservice.access;
