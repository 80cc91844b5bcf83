/**
 * Schema-registry clients speaking the Confluent REST API ({@code http(s)://}) or an
 * in-process registry ({@code mock://scope}), and the registry rules both the in-process
 * registry and the development registry server apply.
 */
package io.removaltracker.serde.registry;
