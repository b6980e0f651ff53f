package dev.tocsin.ingest.publish;

import dev.tocsin.schemas.FeedState;
import dev.tocsin.schemas.FeedStatus;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a poll's new stories together with the feed's state in one Kafka transaction, so a
 * crash can neither lose a story nor publish it twice.
 */
public final class StoryPublisher implements AutoCloseable {

  private final Topics topics;
  private final KafkaProducer<String, byte[]> producer;

  /** Creates a transactional publisher; {@code transactionalId} must be unique per instance. */
  public StoryPublisher(Map<String, Object> clientConfig, Topics topics, String transactionalId) {
    this.topics = Objects.requireNonNull(topics, "topics");
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();
  }

  /**
   * Writes the stories, the feed state and the feed status in one transaction; throws, having
   * aborted it, when any write fails.
   */
  public void publish(List<RawStory> stories, FeedState state, FeedStatus status) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    producer.beginTransaction();
    try {
      for (RawStory story : stories) {
        send(topics.storiesRaw(), story.getId(), story, failure);
      }
      send(topics.ingestState(), state.getFeedUrl(), state, failure);
      send(topics.feedStatus(), status.getFeedUrl(), status, failure);
      producer.flush();
      if (failure.get() != null) {
        throw new KafkaException("A write of the transaction failed", failure.get());
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      try {
        producer.abortTransaction();
      } catch (KafkaException abortFailure) {
        e.addSuppressed(abortFailure);
      }
      throw e;
    }
  }

  /** Writes a feed status outside any poll's transaction, e.g. after a failed fetch. */
  public void publishStatus(FeedState state, FeedStatus status) {
    publish(List.of(), state, status);
  }

  private <V> void send(
      Topic<String, V> topic, String key, V value, AtomicReference<Exception> failure) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(
        new ProducerRecord<>(topic.name(), key, bytes),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  @Override
  public void close() {
    producer.close();
  }
}
