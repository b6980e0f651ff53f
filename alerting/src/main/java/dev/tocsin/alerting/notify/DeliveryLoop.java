package dev.tocsin.alerting.notify;

import dev.tocsin.platform.kafka.FencedInstance;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Silence;
import dev.tocsin.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the notifier's thread: polls its share of the alerts and the whole of the watched topics,
 * lets the coordinator deliver, and commits each pass's receipts and offsets in one transaction.
 */
final class DeliveryLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STARTUP_READ_TIMEOUT = Duration.ofSeconds(60);

  private final NotifierParts parts;
  private final Topics topics;
  private final DeliveryCoordinator coordinator;
  private final AtomicBoolean running;
  private final Map<String, Object> clientConfig;
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile boolean ready;
  private volatile Throwable failure;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private KafkaConsumer<String, byte[]> watch;
  private KafkaProducer<byte[], byte[]> producer;

  DeliveryLoop(
      Map<String, Object> clientConfig,
      NotifierParts parts,
      DeliveryCoordinator coordinator,
      AtomicBoolean running) {
    this.clientConfig = clientConfig;
    this.parts = parts;
    this.topics = parts.topics();
    this.coordinator = coordinator;
    this.running = running;
  }

  /** Returns whether the loop has read the watched topics back and is delivering. */
  boolean isReady() {
    return ready;
  }

  /** Returns the error that stopped the loop, or null. */
  Throwable failure() {
    return failure;
  }

  /** Waits until the loop has started, or stopped trying, or {@code timeout} passes. */
  void awaitStarted(Duration timeout) throws InterruptedException {
    started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Interrupts a poll in progress, once {@code running} is false. */
  void wakeup() {
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  @Override
  public void run() {
    try {
      producer = new KafkaProducer<>(producerConfig());
      producer.initTransactions();
      watch = new KafkaConsumer<>(watchConfig());
      startWatching();
      parts.resender().rebuild(parts.ledger().latestAlerts(), parts.router(), parts.ledger());
      consumer = new KafkaConsumer<>(consumerConfig());
      parts.outbox().bind(producer, consumer);
      consumer.subscribe(List.of(topics.alerts().name()), new Rebalance());
      ready = true;
      started.countDown();
      LOG.info(
          "Notifier {} delivering to {} ({} receipts read back)",
          parts.settings().instanceId(),
          parts.sinks().keySet(),
          parts.ledger().settledCount());
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          coordinator.accept(record);
        }
        for (ConsumerRecord<String, byte[]> record : watch.poll(Duration.ZERO)) {
          watched(record);
        }
        coordinator.housekeeping();
        coordinator.deliverDue();
        parts.resender().resendDue();
        parts.outbox().commit();
        pauseBusyPartitions();
      }
    } catch (WakeupException e) {
      // close() asked us to stop while we were polling.
    } catch (RuntimeException e) {
      if (running.get() && FencedInstance.causedBy(e)) {
        String message =
            FencedInstance.message(
                "The notifier",
                Notifier.groupId(topics),
                String.valueOf(clientConfig.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)));
        failure = new IllegalStateException(message, e);
        LOG.error(message);
      } else if (running.get()) {
        failure = e;
        LOG.error("Notifier stopped: {}", e.toString(), e);
      }
    } finally {
      ready = false;
      running.set(false);
      started.countDown();
      shutDownClients();
    }
  }

  private void shutDownClients() {
    if (parts.outbox().isBound()) {
      try {
        parts.outbox().commit();
      } catch (RuntimeException e) {
        LOG.warn("Cannot commit the last receipts on close: {}", e.toString());
      }
    }
    if (consumer != null) {
      consumer.close();
    }
    if (watch != null) {
      watch.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        Notifier.groupId(topics) + "-" + parts.settings().instanceId());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = readCommitted();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, Notifier.groupId(topics));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  private Map<String, Object> watchConfig() {
    Map<String, Object> config = readCommitted();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    return config;
  }

  private Map<String, Object> readCommitted() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  // The watch reads silences, every alert's latest version and every receipt, on every instance.
  private void startWatching() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic :
        List.of(topics.silences().name(), topics.alerts().name(), topics.deliveries().name())) {
      watch.partitionsFor(topic, STARTUP_READ_TIMEOUT).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition()))
          .forEach(partitions::add);
    }
    watch.assign(partitions);
    watch.seekToBeginning(partitions);
    catchUp(true);
  }

  /** Reads the watched topics up to their current ends. */
  private void catchUp(boolean strict) {
    Set<TopicPartition> partitions = watch.assignment();
    Map<TopicPartition, Long> end = watch.endOffsets(partitions, STARTUP_READ_TIMEOUT);
    long deadline = System.nanoTime() + STARTUP_READ_TIMEOUT.toNanos();
    while (running.get() && partitions.stream().anyMatch(p -> watch.position(p) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        String problem = "Cannot read the silences, alerts and receipts to their ends";
        if (strict) {
          throw new IllegalStateException(problem + " within " + STARTUP_READ_TIMEOUT);
        }
        LOG.warn("{}; going on with what was read", problem);
        return;
      }
      for (ConsumerRecord<String, byte[]> r : watch.poll(POLL)) {
        watched(r);
      }
    }
  }

  private void watched(ConsumerRecord<String, byte[]> r) {
    try {
      if (r.topic().equals(topics.silences().name())) {
        Silence silence =
            r.value() == null
                ? null
                : parts
                    .topics()
                    .silences()
                    .valueSerde()
                    .deserializer()
                    .deserialize(r.topic(), r.value());
        parts.holdBack().putSilence(r.key(), silence);
      } else if (r.topic().equals(topics.alerts().name())) {
        if (r.value() != null) {
          EscalationAlert alert =
              topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value());
          parts.ledger().noteLatest(alert, r.partition());
        }
      } else if (r.value() != null) {
        DeliveryReceipt receipt =
            parts
                .topics()
                .deliveries()
                .valueSerde()
                .deserializer()
                .deserialize(r.topic(), r.value());
        parts.ledger().noteReceipt(receipt);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Skipping undecodable record {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.toString());
    }
  }

  private void pauseBusyPartitions() {
    List<TopicPartition> busy = new ArrayList<>();
    List<TopicPartition> idle = new ArrayList<>();
    for (TopicPartition tp : consumer.assignment()) {
      (parts.queues().isBusy(tp) ? busy : idle).add(tp);
    }
    consumer.pause(busy);
    consumer.resume(idle);
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      parts.outbox().commit();
      coordinator.revoke(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Set<Integer> mine = new HashSet<>();
      for (TopicPartition tp : partitions) {
        if (tp.topic().equals(topics.alerts().name())) {
          mine.add(tp.partition());
        }
      }
      if (!mine.isEmpty()) {
        catchUp(false);
        coordinator.adopt(mine);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      coordinator.revoke(partitions);
    }
  }
}
