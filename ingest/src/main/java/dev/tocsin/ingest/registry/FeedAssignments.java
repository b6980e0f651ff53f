package dev.tocsin.ingest.registry;

import dev.tocsin.ingest.poll.FeedScheduler;
import dev.tocsin.ingest.publish.StoryPublisher.GroupPosition;
import dev.tocsin.platform.kafka.CompactedTopicReader;
import dev.tocsin.platform.kafka.FencedInstance;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedState;
import dev.tocsin.schemas.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the scheduler's feeds in step with this instance's share of the feed registry: a consumer
 * in the ingest group reads its partitions of the compacted {@code feeds} topic from the start, so
 * every instance polls a disjoint set of feeds and a feed added, changed or removed takes effect at
 * once. On a rebalance the instance stops polling the feeds it gives up (waiting for polls in
 * progress) and picks up the feeds it is given from their committed state.
 */
public final class FeedAssignments implements AutoCloseable, Supplier<GroupPosition> {

  private static final Logger LOG = LoggerFactory.getLogger(FeedAssignments.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration DRAIN = Duration.ofSeconds(60);

  private final Map<String, Object> clientConfig;
  private final String groupId;
  private final String instanceId;
  private final Topics topics;
  private final FeedScheduler scheduler;
  private final KafkaConsumer<String, Feed> consumer;
  private final Map<String, FeedState> restored = new ConcurrentHashMap<>();
  private final Thread thread;
  private final CountDownLatch firstAssignment = new CountDownLatch(1);
  private volatile GroupPosition position;
  private volatile boolean closed;

  /**
   * Creates the consumer; {@code instanceId} is the static group member id (stable across restarts,
   * unique among instances).
   */
  public FeedAssignments(
      Map<String, Object> clientConfig,
      Topics topics,
      String groupId,
      String instanceId,
      FeedScheduler scheduler) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.groupId = Objects.requireNonNull(groupId, "groupId");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        List.of(CooperativeStickyAssignor.class.getName()));
    config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    this.consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), topics.feeds().valueSerde().deserializer());
    this.thread = new Thread(this::run, "tocsin-ingest-registry");
    thread.setDaemon(true);
  }

  /** Joins the group and starts following the registry. */
  public void start() {
    thread.start();
  }

  /** Waits until this instance has had its first share of the registry. */
  public boolean awaitAssignment(Duration timeout) throws InterruptedException {
    return firstAssignment.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** The group position for the publisher's transactions; null before the first assignment. */
  @Override
  public GroupPosition get() {
    return position;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topics.feeds().name()), new Listener());
      while (!closed) {
        for (ConsumerRecord<String, Feed> record : consumer.poll(POLL)) {
          apply(record);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
          offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        position = new GroupPosition(offsets, consumer.groupMetadata());
      }
    } catch (WakeupException e) {
      if (!closed) {
        LOG.error("Feed registry consumer woken unexpectedly", e);
      }
    } catch (RuntimeException e) {
      if (FencedInstance.causedBy(e)) {
        LOG.error(
            "{}; this instance polls no new feeds",
            FencedInstance.message("Ingest", groupId, instanceId));
      } else {
        LOG.error("Feed registry consumer failed; this instance polls no new feeds", e);
      }
    }
  }

  private void apply(ConsumerRecord<String, Feed> record) {
    Feed feed = record.value();
    if (feed == null || !feed.getEnabled()) {
      scheduler.remove(record.key());
      LOG.info("Feed {} removed or disabled", record.key());
      return;
    }
    if (!record.key().equals(feed.getUrl())) {
      LOG.warn(
          "Registry record key {} differs from its feed URL {}; using the URL",
          record.key(),
          feed.getUrl());
    }
    scheduler.upsert(feed, record.partition(), restored.remove(feed.getUrl()));
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        consumer.seekToBeginning(partitions);
        Map<String, FeedState> states =
            CompactedTopicReader.read(clientConfig, topics.ingestState(), DRAIN);
        restored.clear();
        restored.putAll(states);
        LOG.info(
            "Given {} registry partitions; {} feed states read", partitions.size(), states.size());
      }
      firstAssignment.countDown();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        scheduler.removePartitions(
            partitions.stream().map(TopicPartition::partition).toList(), DRAIN);
        LOG.info("Gave up {} registry partitions", partitions.size());
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }

  /** Stops following the registry and leaves the group, so another instance takes over at once. */
  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(10)));
  }
}
