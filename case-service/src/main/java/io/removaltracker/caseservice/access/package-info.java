/**
 * Who did what: the caller of an HTTP request as contract section 7 names it, the record
 * of every read of a case on {@code access-audit}, and the key instances vouch to each
 * other with.
 */
package io.removaltracker.caseservice.access;
