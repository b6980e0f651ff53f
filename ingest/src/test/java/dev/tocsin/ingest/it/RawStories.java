package dev.tocsin.ingest.it;

import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads every committed record of the raw stories topic, as downstream consumers see it. */
final class RawStories {

  private RawStories() {}

  /** Reads the whole topic again and again until {@code done} holds or {@code timeout} passes. */
  static List<RawStory> readUntil(
      KafkaSettings kafka,
      Topic<String, RawStory> topic,
      Predicate<List<RawStory>> done,
      Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<RawStory> stories = readAll(kafka, topic);
    while (!done.test(stories) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      stories = readAll(kafka, topic);
    }
    return stories;
  }

  static List<RawStory> readAll(KafkaSettings kafka, Topic<String, RawStory> topic) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<RawStory> stories = new ArrayList<>();
    try (KafkaConsumer<String, RawStory> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read " + topic.name() + " to its end");
        }
        for (ConsumerRecord<String, RawStory> record : consumer.poll(Duration.ofMillis(200))) {
          stories.add(record.value());
        }
      }
    }
    return stories;
  }

  /**
   * Returns the problems of {@code stories} against the items the feeds served: an item missing or
   * not at its final title, and any story published twice (same id and content, or same id and
   * revision).
   */
  static List<String> problems(List<RawStory> stories, Map<String, String> expected) {
    List<String> problems = new ArrayList<>();
    Map<String, RawStory> latest = new HashMap<>();
    Map<String, Integer> copies = new HashMap<>();
    for (RawStory story : stories) {
      copies.merge(story.getId() + "#" + story.getContentHash(), 1, Integer::sum);
      copies.merge(story.getId() + "@" + story.getRevision(), 1, Integer::sum);
      latest.merge(story.getUrl(), story, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
    }
    copies.forEach(
        (key, n) -> {
          if (n > 1) {
            problems.add("published " + n + " times: " + key);
          }
        });
    expected.forEach(
        (link, title) -> {
          RawStory story = latest.get(link);
          if (story == null) {
            problems.add("missing: " + link);
          } else if (!story.getTitle().equals(title)) {
            problems.add("stale: " + link + " is '" + story.getTitle() + "', not '" + title + "'");
          }
        });
    return problems;
  }
}
