/**
 * The national figures over HTTP: {@code GET /api/v1/stats}, the Server-Sent Events
 * stream, the dashboard page's data, and their broadcast to {@code case-stats} and
 * Prometheus.
 */
package io.removaltracker.reporting.api;
