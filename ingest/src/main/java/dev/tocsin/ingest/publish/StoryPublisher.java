package dev.tocsin.ingest.publish;

import dev.tocsin.schemas.FeedState;
import dev.tocsin.schemas.FeedStatus;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each poll's new stories together with the feed's state and status in one Kafka
 * transaction, so a crash can neither lose a story nor publish it twice.
 *
 * <p>Polls run in parallel but a producer runs one transaction at a time, so polls queue their
 * writes and one thread commits whatever has queued in a single transaction (group commit). When
 * the feeds are shared by a consumer group, each transaction also commits the group's offsets with
 * its generation: an instance that lost its feeds to another (a zombie after a long pause) has its
 * transaction refused instead of publishing the same items twice.
 */
public final class StoryPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StoryPublisher.class);
  private static final int MAX_BATCH = 256;

  /** The consumer group position that each transaction commits, to fence zombie instances. */
  public record GroupPosition(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata metadata) {}

  private record Pending(
      List<RawStory> stories, FeedState state, FeedStatus status, CompletableFuture<Void> done) {}

  private final Topics topics;
  private final KafkaProducer<String, byte[]> producer;
  private final Supplier<GroupPosition> group;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean closing;

  /**
   * Creates a transactional publisher; {@code transactionalId} must be unique per instance and
   * stable across its restarts; {@code group} gives the position to commit, or null.
   */
  public StoryPublisher(
      Map<String, Object> clientConfig,
      Topics topics,
      String transactionalId,
      Supplier<GroupPosition> group) {
    this.topics = Objects.requireNonNull(topics, "topics");
    this.group = group;
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();
    this.thread = new Thread(this::run, "tocsin-ingest-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues the writes; the future completes when their transaction commits. */
  public CompletableFuture<Void> submit(
      List<RawStory> stories, FeedState state, FeedStatus status) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    RuntimeException failed = fatal.get();
    if (failed != null) {
      done.completeExceptionally(failed);
    } else if (closing) {
      done.completeExceptionally(new KafkaException("The publisher is closed"));
    } else {
      queue.add(new Pending(List.copyOf(stories), state, status, done));
    }
    return done;
  }

  /** Returns the error that stopped the publisher for good, or null while it works. */
  public RuntimeException fatalError() {
    return fatal.get();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
      if (fatal.get() != null) {
        break;
      }
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    RuntimeException reason =
        fatal.get() != null ? fatal.get() : new KafkaException("The publisher is closed");
    left.forEach(p -> p.done().completeExceptionally(reason));
  }

  private void commit(List<Pending> batch) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try {
      producer.beginTransaction();
      for (Pending pending : batch) {
        for (RawStory story : pending.stories()) {
          send(topics.storiesRaw(), story.getId(), story, failure);
        }
        send(topics.ingestState(), pending.state().getFeedUrl(), pending.state(), failure);
        send(topics.feedStatus(), pending.status().getFeedUrl(), pending.status(), failure);
      }
      GroupPosition position = group == null ? null : group.get();
      if (position != null && !position.offsets().isEmpty()) {
        producer.sendOffsetsToTransaction(position.offsets(), position.metadata());
      }
      producer.flush();
      if (failure.get() != null) {
        throw new KafkaException("A write of the transaction failed", failure.get());
      }
      producer.commitTransaction();
      batch.forEach(p -> p.done().complete(null));
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | OutOfOrderSequenceException
        | UnsupportedVersionException
        | AuthorizationException e) {
      LOG.error(
          "The ingest producer cannot go on ({}); this instance stops publishing", e.toString());
      fatal.set(e);
      batch.forEach(p -> p.done().completeExceptionally(e));
    } catch (KafkaException e) {
      LOG.warn("Transaction of {} polls aborted: {}", batch.size(), e.toString());
      try {
        producer.abortTransaction();
      } catch (KafkaException abortFailure) {
        e.addSuppressed(abortFailure);
        fatal.set(e);
      }
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
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

  /** Commits what is queued, then closes the producer. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
  }
}
