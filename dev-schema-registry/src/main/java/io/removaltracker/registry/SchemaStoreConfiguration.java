package io.removaltracker.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.removaltracker.serde.registry.InMemoryRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the registry from its Kafka topic before the web server opens, so no request is
 * ever answered from a half-loaded registry.
 */
@Configuration(proxyBeanMethods = false)
class SchemaStoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SchemaStoreConfiguration.class);

	@Bean(destroyMethod = "close")
	KafkaSchemaJournal schemaJournal(KafkaProperties kafka, RegistryProperties registry) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, registry.startupTimeout().toMillis());
		return new KafkaSchemaJournal(registry.topic(),
				new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()));
	}

	@Bean
	InMemoryRegistry schemaRegistry(KafkaProperties kafka, RegistryProperties registry, KafkaSchemaJournal journal) {
		long started = System.nanoTime();
		createTopicIfMissing(kafka, registry);
		InMemoryRegistry schemas = new InMemoryRegistry(journal);
		Map<String, Object> config = kafka.buildConsumerProperties();
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			int records = KafkaSchemaJournal.replay(registry.topic(), consumer, schemas, registry.startupTimeout());
			log.info("Schema store '{}' loaded: {} records, {} subjects, in {} ms", registry.topic(), records,
					schemas.subjects().size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		}
		return schemas;
	}

	private static void createTopicIfMissing(KafkaProperties kafka, RegistryProperties registry) {
		try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
			NewTopic topic = new NewTopic(registry.topic(), 1, registry.replicationFactor())
				.configs(Map.of("cleanup.policy", "compact"));
			admin.createTopics(List.of(topic)).all().get(registry.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
			log.info("Created schema store topic '{}'", registry.topic());
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Cannot create schema store topic '" + registry.topic() + "' on "
						+ kafka.getBootstrapServers() + ": " + ex.getCause().getMessage(), ex);
			}
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka at " + kafka.getBootstrapServers() + " did not answer within "
					+ registry.startupTimeout() + "; is the broker running?", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the schema store topic", ex);
		}
	}

}
