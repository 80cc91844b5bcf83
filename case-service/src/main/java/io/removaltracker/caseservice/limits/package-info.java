/**
 * How much one caller may send: a token bucket per principal on intake over HTTP, in
 * plain Java with the clock passed in, so the arithmetic is tested without a server.
 */
package io.removaltracker.caseservice.limits;
