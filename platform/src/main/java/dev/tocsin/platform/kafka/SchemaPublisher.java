package dev.tocsin.platform.kafka;

import dev.tocsin.schemas.SchemaVersion;
import dev.tocsin.schemas.Topic;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes schema versions to the compacted schemas topic, keyed by fingerprint, so that a consumer
 * whose jar keeps only older versions finds the writer schema of a newer record there.
 */
public final class SchemaPublisher {

  private SchemaPublisher() {}

  /** Writes {@code versions} to {@code topic} and waits until Kafka has them all. */
  public static void publish(
      Map<String, Object> clientConfig,
      Topic<String, SchemaVersion> topic,
      Collection<SchemaVersion> versions) {
    Objects.requireNonNull(clientConfig, "clientConfig");
    Objects.requireNonNull(topic, "topic");
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, SchemaVersion> producer =
        new KafkaProducer<>(config, new StringSerializer(), topic.valueSerde().serializer())) {
      for (SchemaVersion version : versions) {
        producer.send(
            new ProducerRecord<>(topic.name(), version.fingerprint(), version),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new KafkaException(
          "Cannot publish schemas to " + topic.name() + ": " + failure.get().getMessage(),
          failure.get());
    }
  }
}
