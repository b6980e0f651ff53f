package dev.tocsin.app.console;

import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link ConsoleView} from the topics, committed records only and without a consumer group:
 * the compacted topics from their beginning, the others from the start of the view's window, so
 * that a restart rebuilds the same picture.
 */
final class TopicFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, BiConsumer<String, byte[]>> handlers = new HashMap<>();
  private final Set<String> windowed;
  private final ConsoleView view;
  private final Clock clock;
  private final Thread thread;

  TopicFollower(Map<String, Object> clientConfig, Topics topics, ConsoleView view, Clock clock) {
    this.view = Objects.requireNonNull(view, "view");
    this.clock = Objects.requireNonNull(clock, "clock");
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.prefix() + "console");
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    on(topics.alerts(), (k, v) -> view.alert(v));
    on(topics.clusters(), view::cluster);
    on(topics.storiesEnriched(), (k, v) -> view.story(v));
    on(topics.feeds(), view::feed);
    on(topics.feedStatus(), view::status);
    on(topics.silences(), view::silence);
    on(topics.deliveries(), (k, v) -> view.delivery(v));
    windowed =
        Set.of(topics.alerts().name(), topics.storiesEnriched().name(), topics.deliveries().name());
    thread = new Thread(this::run, "tocsin-console-follower");
    thread.setDaemon(true);
  }

  /** Returns the topics the view is built from. */
  static List<Topic<String, ?>> sources(Topics topics) {
    return List.of(
        topics.alerts(),
        topics.clusters(),
        topics.storiesEnriched(),
        topics.feeds(),
        topics.feedStatus(),
        topics.silences(),
        topics.deliveries());
  }

  private <V> void on(Topic<String, V> topic, BiConsumer<String, V> handler) {
    handlers.put(
        topic.name(),
        (key, bytes) ->
            handler.accept(
                key,
                bytes == null
                    ? null
                    : topic.valueSerde().deserializer().deserialize(topic.name(), bytes)));
  }

  void start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String name : handlers.keySet()) {
      for (PartitionInfo p : consumer.partitionsFor(name, TIMEOUT)) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    long from = clock.instant().minus(view.window()).toEpochMilli();
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.stream().filter(p -> windowed.contains(p.topic())).forEach(p -> times.put(p, from));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, TIMEOUT);
    times
        .keySet()
        .forEach(
            p -> {
              OffsetAndTimestamp at = offsets.get(p);
              if (at == null) {
                consumer.seekToEnd(List.of(p));
              } else {
                consumer.seek(p, at.offset());
              }
            });
    thread.start();
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          try {
            handlers.get(record.topic()).accept(record.key(), record.value());
          } catch (RuntimeException e) {
            // A record this build cannot read must not stop the console from showing the others.
            LOG.warn(
                "Console skips {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                e.toString());
          }
        }
        view.prune(clock.instant());
      }
    } catch (WakeupException e) {
      // Closing.
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
