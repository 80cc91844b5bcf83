/**
 * The one way a service is built, and nothing domain-specific: {@link ServiceKafka}
 * (settings from Spring Boot's {@code spring.kafka.*}, the owned exactly-once and
 * {@code acks=all}, declared topics), the shared defaults, the lifecycle of a Kafka
 * Streams topology ({@link StreamsRuntime}), following every partition of a topic
 * ({@link PartitionTail}), and errors as {@code application/problem+json}.
 */
package io.removaltracker.service;
