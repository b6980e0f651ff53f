package dev.tocsin.platform.kafka;

import dev.tocsin.schemas.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a compacted, string-keyed topic from the beginning to its current end, committed writes
 * only, into a map of the latest value per key (tombstones remove the key).
 */
public final class CompactedTopicReader {

  private static final Duration POLL = Duration.ofMillis(200);

  private CompactedTopicReader() {}

  /** Returns the latest committed value of every key of {@code topic}, in first-seen order. */
  public static <V> Map<String, V> read(
      Map<String, Object> clientConfig, Topic<String, V> topic, Duration timeout) {
    return read(clientConfig, topic, t -> true, timeout);
  }

  /**
   * Returns the latest committed value of every key of {@code topic} among the records whose
   * timestamp (epoch milliseconds) {@code times} accepts.
   */
  public static <V> Map<String, V> read(
      Map<String, Object> clientConfig,
      Topic<String, V> topic,
      LongPredicate times,
      Duration timeout) {
    Objects.requireNonNull(topic, "topic");
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    Map<String, V> latest = new LinkedHashMap<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> assigned =
          consumer.partitionsFor(topic.name(), timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Timed out after " + timeout + " reading " + topic.name() + " to its end");
        }
        for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
          if (!times.test(record.timestamp())) {
            continue;
          }
          if (record.value() == null) {
            latest.remove(record.key());
          } else {
            latest.put(record.key(), record.value());
          }
        }
      }
    }
    return latest;
  }

  private static boolean caughtUp(
      KafkaConsumer<String, ?> consumer, Map<TopicPartition, Long> end) {
    Collection<TopicPartition> partitions = end.keySet();
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < end.get(partition)) {
        return false;
      }
    }
    return true;
  }
}
