package dev.tocsin.ingest.publish;

import dev.tocsin.schemas.FeedState;
import dev.tocsin.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Rebuilds the per-feed state from the compacted state topic, reading only committed writes. */
public final class IngestStateReader {

  private static final Duration POLL = Duration.ofMillis(200);

  private IngestStateReader() {}

  /** Returns the latest committed state of every feed, keyed by feed URL. */
  public static Map<String, FeedState> read(
      Map<String, Object> clientConfig, Topic<String, FeedState> topic, Duration timeout) {
    Objects.requireNonNull(topic, "topic");
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, FeedState> states = new HashMap<>();
    try (KafkaConsumer<String, FeedState> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Timed out after " + timeout + " rebuilding ingest state from " + topic.name());
        }
        for (ConsumerRecord<String, FeedState> record : consumer.poll(POLL)) {
          if (record.value() == null) {
            states.remove(record.key());
          } else {
            states.put(record.key(), record.value());
          }
        }
      }
    }
    return states;
  }

  private static boolean caughtUp(
      KafkaConsumer<String, FeedState> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
