/**
 * The national figures over HTTP: {@code GET /api/v1/stats}, the Server-Sent Events
 * stream that the dashboard page follows, and the page itself.
 */
package io.removaltracker.reporting.api;
