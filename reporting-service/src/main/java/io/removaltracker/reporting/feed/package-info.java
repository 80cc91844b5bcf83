/**
 * Reading {@code case-events} and {@code wanted-flags} in full into the national figures,
 * from the beginning at every start: the figures are an idempotent function of the two
 * topics.
 */
package io.removaltracker.reporting.feed;
