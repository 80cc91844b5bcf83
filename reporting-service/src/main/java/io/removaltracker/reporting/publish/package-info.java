/**
 * The figures computed once per change and shared: the latest snapshot, which every
 * reader asks for, and its publication to {@code case-stats} and Prometheus.
 */
package io.removaltracker.reporting.publish;
