package dev.tocsin.platform.kafka;

import dev.tocsin.schemas.SchemaVersion;
import dev.tocsin.schemas.Topic;
import java.time.Duration;
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
 *
 * <p>Every service publishes at start, before it reports ready, so a publication is bounded: each
 * attempt gives up after {@link #ATTEMPT_TIMEOUT}, and a failed attempt is made once more with a
 * new producer. A producer can be refused for good by a broker that has lost its state (after a
 * controller or broker fails over, a broker may answer every send of an idempotent producer with an
 * out-of-order sequence); the records are the same each time, so a new producer's second attempt is
 * harmless and usually succeeds.
 */
public final class SchemaPublisher {

  /** The longest one attempt waits for Kafka before it gives up. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  private SchemaPublisher() {}

  /** Writes {@code versions} to {@code topic} and waits until Kafka has them all. */
  public static void publish(
      Map<String, Object> clientConfig,
      Topic<String, SchemaVersion> topic,
      Collection<SchemaVersion> versions) {
    publish(clientConfig, topic, versions, ATTEMPT_TIMEOUT);
  }

  /**
   * Writes {@code versions} to {@code topic}, each of at most two attempts waiting at most {@code
   * attemptTimeout}; throws a {@link KafkaException} naming both failures when neither succeeds.
   */
  static void publish(
      Map<String, Object> clientConfig,
      Topic<String, SchemaVersion> topic,
      Collection<SchemaVersion> versions,
      Duration attemptTimeout) {
    Objects.requireNonNull(clientConfig, "clientConfig");
    Objects.requireNonNull(topic, "topic");
    Exception first = attempt(clientConfig, topic, versions, attemptTimeout);
    if (first == null) {
      return;
    }
    Exception second = attempt(clientConfig, topic, versions, attemptTimeout);
    if (second != null) {
      throw new KafkaException(
          "Cannot publish schemas to "
              + topic.name()
              + ": "
              + first.getMessage()
              + "; again with a new producer: "
              + second.getMessage(),
          second);
    }
  }

  // One attempt with a producer of its own; returns its first failure, or null.
  private static Exception attempt(
      Map<String, Object> clientConfig,
      Topic<String, SchemaVersion> topic,
      Collection<SchemaVersion> versions,
      Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    int millis = (int) Math.max(1, timeout.toMillis());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
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
    } catch (KafkaException e) {
      failure.compareAndSet(null, e);
    }
    return failure.get();
  }
}
