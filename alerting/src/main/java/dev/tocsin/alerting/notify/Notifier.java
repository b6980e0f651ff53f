package dev.tocsin.alerting.notify;

import dev.tocsin.platform.health.ReadinessCheck;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DeadLetter;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts on {@code tocsin.alerts} to the sinks their routes name, writing a receipt to
 * {@code tocsin.deliveries} for each delivery and, when a delivery cannot be made within the
 * maximum age, a dead letter to {@code tocsin.alerts.dlq}.
 *
 * <p>A record's offset is committed in the same Kafka transaction as the receipt of its last
 * acknowledged delivery, so a restart never sends again what a receiver acknowledged before the
 * commit, and never skips what it did not. At start, the receipts already written are read back, so
 * that an alert whose delivery to one sink was acknowledged while another sink's still failed is
 * not sent to the first again. Records of one partition are delivered in order; a failing sink
 * holds back its partition, not the others. Firing alerts of sinks that want it (Alertmanager) are
 * re-posted every resend interval, and that set is rebuilt from the alerts topic at start.
 */
public final class Notifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STARTUP_READ_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  // Attempts of one loop pass stop after this long, so that the consumer polls well within
  // max.poll.interval.ms even when every receiver hangs until its timeout.
  private static final Duration PASS_BUDGET = Duration.ofSeconds(30);

  private final Map<String, Object> clientConfig;
  private final Topics topics;
  private final NotifierSettings settings;
  private final Map<String, Sink> sinks = new LinkedHashMap<>();
  private final Map<String, CircuitBreaker> breakers = new HashMap<>();
  private final Router router;
  private final Clock clock;
  private final Thread thread;
  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicInteger pendingCount = new AtomicInteger();
  private volatile boolean running;
  private volatile boolean ready;
  private volatile Throwable failure;

  // Owned by the notifier thread.
  private final Set<String> settled = new HashSet<>();
  private final Set<String> delivered = new HashSet<>();
  private final Map<TopicPartition, ArrayDeque<Pending>> pending = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
  private final List<ProducerRecord<byte[], byte[]>> outbox = new ArrayList<>();
  private final Map<String, Map<String, EscalationAlert>> firing = new HashMap<>();
  private final Map<String, Instant> nextResend = new HashMap<>();
  private long passEnds;
  private KafkaConsumer<String, byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;

  /**
   * Creates a notifier; {@link #start} starts it.
   *
   * @param clientConfig Kafka client settings (bootstrap servers, security)
   * @param topics the topic catalogue
   * @param settings routes and policies; its sink configs must name {@code sinks}
   * @param sinks the sinks, by the names the routes use
   * @param clock the notifier's time: backoff, breakers, ages, receipts
   */
  public Notifier(
      Map<String, Object> clientConfig,
      Topics topics,
      NotifierSettings settings,
      List<Sink> sinks,
      Clock clock) {
    this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
    this.topics = Objects.requireNonNull(topics, "topics");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (Sink sink : sinks) {
      if (this.sinks.put(sink.name(), sink) != null) {
        throw new IllegalArgumentException("two sinks are named '" + sink.name() + "'");
      }
      breakers.put(
          sink.name(), new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor()));
      if (sink.resendInterval().isPresent()) {
        firing.put(sink.name(), new LinkedHashMap<>());
      }
    }
    this.router = new Router(settings.routes(), this.sinks.keySet());
    this.thread = new Thread(this::run, "tocsin-notifier-" + settings.instanceId());
    Gauge.builder("tocsin.notifier.pending", pendingCount, AtomicInteger::get)
        .description("Alert records read and not yet settled")
        .register(meters);
  }

  /**
   * Reports to {@code registry}: {@code tocsin.deliveries} (by sink and outcome), {@code
   * tocsin.notifier.attempts} (by sink and result), {@code tocsin.notifier.latency} (record
   * timestamp to acknowledgement, by sink) and {@code tocsin.notifier.pending}.
   */
  public void bindMetrics(MeterRegistry registry) {
    meters.add(Objects.requireNonNull(registry, "registry"));
  }

  /** Returns the consumer group id of notifiers using {@code topics}. */
  public static String groupId(Topics topics) {
    return topics.prefix() + "notifier";
  }

  /** Starts delivering on a thread of its own. */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("notifier already started");
    }
    running = true;
    thread.start();
  }

  /** Returns whether the notifier has read its receipts back and is delivering. */
  public boolean isReady() {
    return ready && running && failure == null;
  }

  /** Returns the notifier's readiness check for {@code /health/ready}. */
  public ReadinessCheck readiness() {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return "notifier";
      }

      @Override
      public String problem() {
        if (failure != null) {
          return "stopped: " + failure;
        }
        return isReady() ? null : "starting";
      }
    };
  }

  /** Returns the error that stopped the notifier, if one did. */
  public Throwable failure() {
    return failure;
  }

  /**
   * Stops delivering: the attempt in flight finishes, what receivers acknowledged is committed, and
   * nothing that was not acknowledged is committed.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (!running) {
        closeSinks();
        return;
      }
      running = false;
    }
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("Notifier thread did not stop within {}", CLOSE_TIMEOUT);
    }
    closeSinks();
  }

  private void closeSinks() {
    sinks.values().forEach(Sink::close);
  }

  private void run() {
    try {
      producer = new KafkaProducer<>(producerConfig());
      producer.initTransactions();
      readReceipts();
      rebuildFiring();
      consumer = new KafkaConsumer<>(consumerConfig());
      consumer.subscribe(List.of(topics.alerts().name()), new Rebalance());
      ready = true;
      started.countDown();
      LOG.info(
          "Notifier {} delivering to {} ({} receipts read back)",
          settings.instanceId(),
          sinks.keySet(),
          settled.size());
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          accept(record);
        }
        deliverDue();
        resendFiring();
        flush();
        pauseBusyPartitions();
      }
    } catch (WakeupException e) {
      // close() asked us to stop while we were polling.
    } catch (RuntimeException e) {
      if (running) {
        failure = e;
        LOG.error("Notifier stopped: {}", e.toString(), e);
      }
    } finally {
      ready = false;
      running = false;
      started.countDown();
      shutDownClients();
    }
  }

  private void shutDownClients() {
    if (producer != null && consumer != null) {
      try {
        flush();
      } catch (RuntimeException e) {
        LOG.warn("Cannot commit the last receipts on close: {}", e.toString());
      }
    }
    if (consumer != null) {
      consumer.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId(topics) + "-" + settings.instanceId());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(topics));
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  // ---- start-up: what was delivered before, what still fires ----

  private void readReceipts() {
    Topic<String, DeliveryReceipt> deliveries = topics.deliveries();
    readToEnd(
        deliveries,
        (key, receipt) -> {
          if (receipt.getOutcome() == DeliveryOutcome.DELIVERED) {
            delivered.add(receipt.getIdempotencyKey());
          }
          if (isFinal(receipt.getOutcome())) {
            settled.add(receipt.getIdempotencyKey());
          }
        });
  }

  private void rebuildFiring() {
    if (firing.isEmpty()) {
      return;
    }
    Map<String, EscalationAlert> latest = new HashMap<>();
    readToEnd(topics.alerts(), (key, alert) -> latest.put(alert.getAlertKey(), alert));
    for (EscalationAlert alert : latest.values()) {
      if (alert.getStatus() == AlertStatus.RESOLVED) {
        continue;
      }
      for (String sink : router.sinksFor(alert)) {
        if (firing.containsKey(sink) && delivered.contains(idempotencyKey(alert, sink))) {
          firing.get(sink).put(alert.getAlertKey(), alert);
        }
      }
    }
  }

  private <V> void readToEnd(Topic<String, V> topic, BiConsumer<String, V> sink) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> reader =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          reader.partitionsFor(topic.name(), STARTUP_READ_TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions, STARTUP_READ_TIMEOUT);
      long deadline = System.nanoTime() + STARTUP_READ_TIMEOUT.toNanos();
      while (running && partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Cannot read " + topic.name() + " to its end within " + STARTUP_READ_TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> r : reader.poll(POLL)) {
          V value;
          try {
            value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
          } catch (RuntimeException e) {
            LOG.warn(
                "Skipping undecodable record {}-{}@{}: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                e.toString());
            continue;
          }
          sink.accept(r.key(), value);
        }
      }
    }
  }

  // ---- delivery ----

  private void accept(ConsumerRecord<String, byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    Instant now = clock.instant();
    EscalationAlert alert;
    try {
      alert =
          topics.alerts().valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      outbox.add(deadLetter(record, "notify.decode", e.toString(), e.getClass().getName(), now));
      pending.computeIfAbsent(tp, k -> new ArrayDeque<>()).add(new Pending(record, null));
      pendingCount.incrementAndGet();
      return;
    }
    Pending p = new Pending(record, alert);
    for (String sink : router.sinksFor(alert)) {
      String key = idempotencyKey(alert, sink);
      if (settled.contains(key)) {
        LOG.debug("Already delivered {}; not sending again", key);
        continue;
      }
      p.open.put(sink, new Attempts(now));
      if (alert.getStatus() == AlertStatus.RESOLVED && firing.containsKey(sink)) {
        firing.get(sink).remove(alert.getAlertKey());
      }
    }
    pending.computeIfAbsent(tp, k -> new ArrayDeque<>()).add(p);
    pendingCount.incrementAndGet();
  }

  private void deliverDue() {
    passEnds = System.nanoTime() + PASS_BUDGET.toNanos();
    for (Map.Entry<TopicPartition, ArrayDeque<Pending>> entry : pending.entrySet()) {
      ArrayDeque<Pending> queue = entry.getValue();
      while (running && !queue.isEmpty()) {
        Pending head = queue.peek();
        attemptDue(head);
        if (!head.open.isEmpty()) {
          break;
        }
        queue.poll();
        pendingCount.decrementAndGet();
        if (!head.offsetQueued) {
          offsets.put(entry.getKey(), new OffsetAndMetadata(head.record.offset() + 1));
        }
      }
    }
  }

  private void attemptDue(Pending p) {
    for (String sinkName : List.copyOf(p.open.keySet())) {
      Attempts attempts = p.open.get(sinkName);
      Instant now = clock.instant();
      CircuitBreaker breaker = breakers.get(sinkName);
      if (now.isBefore(attempts.nextAt)) {
        continue;
      }
      if (System.nanoTime() - passEnds > 0) {
        return;
      }
      if (!breaker.tryAcquire(now)) {
        attempts.nextAt = breaker.nextAttemptAt(now);
        continue;
      }
      String key = idempotencyKey(p.alert, sinkName);
      attempts.count++;
      DeliveryResult result = deliver(sinks.get(sinkName), p.alert, key);
      now = clock.instant();
      countAttempt(sinkName, result);
      switch (result.kind()) {
        case DELIVERED -> {
          breaker.onSuccess();
          p.open.remove(sinkName);
          settled.add(key);
          delivered.add(key);
          if (firing.containsKey(sinkName) && p.alert.getStatus() != AlertStatus.RESOLVED) {
            firing.get(sinkName).put(p.alert.getAlertKey(), p.alert);
          }
          outbox.add(receipt(p.alert, sinkName, DeliveryOutcome.DELIVERED, attempts, result, now));
          countSettled(sinkName, DeliveryOutcome.DELIVERED);
          Timer.builder("tocsin.notifier.latency")
              .description("From the alert record's timestamp to the receiver's acknowledgement")
              .tag("sink", sinkName)
              .publishPercentiles(0.5, 0.99)
              .register(meters)
              .record(Duration.ofMillis(Math.max(0, now.toEpochMilli() - p.record.timestamp())));
          if (p.open.isEmpty()) {
            p.offsetQueued = true;
            offsets.put(
                new TopicPartition(p.record.topic(), p.record.partition()),
                new OffsetAndMetadata(p.record.offset() + 1));
          }
          // Commit at once: the window in which an acknowledged delivery could be repeated after
          // a crash is this one transaction.
          flush();
        }
        case PERMANENT -> {
          breaker.onNeutral();
          giveUp(p, sinkName, attempts, result, DeliveryOutcome.FAILED, now);
        }
        case RETRY -> {
          if (result.httpStatus() != null && result.httpStatus() == 429) {
            breaker.onNeutral();
          } else {
            breaker.onFailure(now);
          }
          if (Duration.between(attempts.firstAt, now).compareTo(settings.maxAge()) >= 0) {
            giveUp(p, sinkName, attempts, result, DeliveryOutcome.DEAD_LETTERED, now);
          } else {
            Duration delay =
                settings
                    .retry()
                    .delay(
                        attempts.count,
                        ThreadLocalRandom.current().nextDouble(),
                        result.retryAfter());
            attempts.nextAt = now.plus(delay);
            LOG.debug("Delivery {} failed ({}); retrying in {}", key, result.error(), delay);
          }
        }
      }
    }
  }

  // A sink's bug must not stop delivery to the others: it counts as a permanent failure.
  private static DeliveryResult deliver(Sink sink, EscalationAlert alert, String key) {
    try {
      return sink.deliver(alert, key);
    } catch (RuntimeException e) {
      LOG.error("Sink {} failed on {}", sink.name(), key, e);
      return DeliveryResult.permanent(null, "sink error: " + e);
    }
  }

  private void giveUp(
      Pending p,
      String sinkName,
      Attempts attempts,
      DeliveryResult result,
      DeliveryOutcome outcome,
      Instant now) {
    String key = idempotencyKey(p.alert, sinkName);
    LOG.warn("Giving up delivery {} after {} attempts: {}", key, attempts.count, result.error());
    p.open.remove(sinkName);
    settled.add(key);
    countSettled(sinkName, outcome);
    outbox.add(receipt(p.alert, sinkName, outcome, attempts, result, now));
    outbox.add(
        deadLetter(
            p.record,
            "notify." + sinkName,
            outcome + " after " + attempts.count + " attempts: " + result.error(),
            null,
            now));
  }

  private void resendFiring() {
    Instant now = clock.instant();
    for (Map.Entry<String, Map<String, EscalationAlert>> entry : firing.entrySet()) {
      Sink sink = sinks.get(entry.getKey());
      Duration interval = sink.resendInterval().orElseThrow();
      Instant due = nextResend.computeIfAbsent(entry.getKey(), k -> now.plus(interval));
      if (now.isBefore(due) || entry.getValue().isEmpty()) {
        continue;
      }
      nextResend.put(entry.getKey(), now.plus(interval));
      CircuitBreaker breaker = breakers.get(entry.getKey());
      if (!breaker.tryAcquire(now)) {
        continue;
      }
      DeliveryResult result;
      try {
        result = sink.resend(List.copyOf(entry.getValue().values()));
      } catch (RuntimeException e) {
        result = DeliveryResult.permanent(null, "sink error: " + e);
      }
      if (result.kind() == DeliveryResult.Kind.DELIVERED) {
        breaker.onSuccess();
      } else if (result.kind() == DeliveryResult.Kind.RETRY) {
        breaker.onFailure(clock.instant());
        LOG.warn("Cannot re-post firing alerts to {}: {}", entry.getKey(), result.error());
      } else {
        breaker.onNeutral();
        LOG.warn("{} rejected the firing alerts: {}", entry.getKey(), result.error());
      }
    }
  }

  private void pauseBusyPartitions() {
    List<TopicPartition> busy = new ArrayList<>();
    List<TopicPartition> idle = new ArrayList<>();
    for (TopicPartition tp : consumer.assignment()) {
      ArrayDeque<Pending> queue = pending.get(tp);
      (queue == null || queue.isEmpty() ? idle : busy).add(tp);
    }
    consumer.pause(busy);
    consumer.resume(idle);
  }

  /** Commits the receipts, dead letters and offsets gathered so far in one transaction. */
  private void flush() {
    if (outbox.isEmpty() && offsets.isEmpty()) {
      return;
    }
    try {
      producer.beginTransaction();
      for (ProducerRecord<byte[], byte[]> record : outbox) {
        producer.send(
            record,
            (metadata, e) -> {
              if (e != null) {
                LOG.warn("Cannot write to {}: {}", record.topic(), e.toString());
              }
            });
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      producer.commitTransaction();
      outbox.clear();
      offsets.clear();
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      throw new IllegalStateException(
          "Notifier " + settings.instanceId() + " cannot commit any more: " + e, e);
    } catch (KafkaException e) {
      LOG.warn("Transaction failed, will try again: {}", e.toString());
      producer.abortTransaction();
    }
  }

  private ProducerRecord<byte[], byte[]> receipt(
      EscalationAlert alert,
      String sink,
      DeliveryOutcome outcome,
      Attempts attempts,
      DeliveryResult result,
      Instant now) {
    String key = idempotencyKey(alert, sink);
    DeliveryReceipt receipt =
        DeliveryReceipt.newBuilder()
            .setIdempotencyKey(key)
            .setAlertKey(alert.getAlertKey())
            .setAlertVersion(alert.getVersion())
            .setSink(sink)
            .setOutcome(outcome)
            .setAttempt(attempts.count)
            .setHttpStatus(result.httpStatus())
            .setError(result.error())
            .setAt(now)
            .build();
    return record(topics.deliveries(), key, receipt);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      ConsumerRecord<String, byte[]> record,
      String stage,
      String error,
      String errorClass,
      Instant now) {
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setStage(stage)
            .setTopic(record.topic())
            .setPartition(record.partition())
            .setOffset(record.offset())
            .setKey(
                record.key() == null
                    ? null
                    : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
            .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
            .setError(error)
            .setErrorClass(errorClass)
            .setFailedAt(now)
            .build();
    return record(topics.alertsDlq(), record.key(), letter);
  }

  private static <V> ProducerRecord<byte[], byte[]> record(
      Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(
        topic.name(),
        topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  /** Returns the key of one alert version's delivery to one sink: alertKey:version:sink. */
  public static String idempotencyKey(EscalationAlert alert, String sink) {
    return alert.getAlertKey() + ":" + alert.getVersion() + ":" + sink;
  }

  private static boolean isFinal(DeliveryOutcome outcome) {
    return outcome == DeliveryOutcome.DELIVERED
        || outcome == DeliveryOutcome.FAILED
        || outcome == DeliveryOutcome.DEAD_LETTERED;
  }

  /** Waits until the notifier is ready or {@code timeout} passes; returns whether it is ready. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return isReady();
  }

  private void countAttempt(String sink, DeliveryResult result) {
    meters
        .counter(
            "tocsin.notifier.attempts",
            "sink",
            sink,
            "result",
            result.kind().name().toLowerCase(Locale.ROOT))
        .increment();
  }

  private void countSettled(String sink, DeliveryOutcome outcome) {
    meters
        .counter(
            "tocsin.deliveries", "sink", sink, "outcome", outcome.name().toLowerCase(Locale.ROOT))
        .increment();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      flush();
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        ArrayDeque<Pending> queue = pending.remove(tp);
        if (queue != null) {
          pendingCount.addAndGet(-queue.size());
        }
        offsets.remove(tp);
      }
    }
  }

  /** One alert record and the sinks it still has to reach. */
  private static final class Pending {
    final ConsumerRecord<String, byte[]> record;
    final EscalationAlert alert;
    final Map<String, Attempts> open = new LinkedHashMap<>();

    boolean offsetQueued;

    Pending(ConsumerRecord<String, byte[]> record, EscalationAlert alert) {
      this.record = record;
      this.alert = alert;
    }
  }

  /** The attempts at one delivery. */
  private static final class Attempts {
    final Instant firstAt;
    Instant nextAt;
    int count;

    Attempts(Instant now) {
      this.firstAt = now;
      this.nextAt = now;
    }
  }
}
