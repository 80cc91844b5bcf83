/**
 * What every service shares and nothing domain-specific: errors as
 * {@code application/problem+json}, and the lifecycle of a Kafka Streams topology
 * (started once the web port is known, exactly-once, readiness, metrics, leaving the
 * group on shutdown).
 */
package io.removaltracker.service;
