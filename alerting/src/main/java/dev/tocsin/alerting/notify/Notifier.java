package dev.tocsin.alerting.notify;

import dev.tocsin.alerting.mute.Inhibitor;
import dev.tocsin.alerting.mute.SilenceSet;
import dev.tocsin.platform.health.ReadinessCheck;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DeadLetter;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Silence;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Notifications are held back while a silence on {@code tocsin.silences} matches the alert, or
 * while an inhibit rule lets another firing alert hold it back: the notifier writes a SILENCED or
 * INHIBITED receipt, commits the record's offset, and notifies the alert's latest version as soon
 * as nothing holds it back any more (a resolution only if the receiver was told it fired). A
 * still-firing alert is notified again after its repeat interval. Every instance reads the whole of
 * {@code tocsin.silences}, {@code tocsin.alerts} and {@code tocsin.deliveries} on a consumer of its
 * own, so what is held back, and what was last notified when, is rebuilt for any partition it is
 * assigned, after a restart or a rebalance.
 *
 * <p>With {@link Grouping} enabled, sinks that can (webhook, Slack, email) get related alerts in
 * one notification after the group wait or interval; each alert version of a group still gets its
 * own DELIVERED receipt, committed with the offsets when the receiver acknowledges the group.
 */
public final class Notifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STARTUP_READ_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  // Attempts of one loop pass stop after this long, so that the consumer polls well within
  // max.poll.interval.ms even when every receiver hangs until its timeout.
  private static final Duration PASS_BUDGET = Duration.ofSeconds(30);
  // How often held-back alerts are checked for release and firing alerts for repeats.
  private static final Duration HOUSEKEEPING = Duration.ofMillis(500);
  private static final String REPEAT = ":repeat-";
  // Records read ahead of a partition's head while it waits in a group.
  private static final int MAX_QUEUED = 10_000;

  private final Map<String, Object> clientConfig;
  private final Topics topics;
  private final NotifierSettings settings;
  private final Map<String, Sink> sinks = new LinkedHashMap<>();
  private final Map<String, CircuitBreaker> breakers = new HashMap<>();
  private final Router router;
  private final Inhibitor inhibitor;
  private final Clock clock;
  private final Thread thread;
  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicInteger pendingCount = new AtomicInteger();
  private final AtomicInteger heldCount = new AtomicInteger();
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
  private final SilenceSet silences = new SilenceSet();
  private final Map<String, EscalationAlert> latest = new HashMap<>();
  private final Map<String, Integer> partitionOf = new HashMap<>();
  private final Set<String> suppressed = new HashSet<>();
  private final Map<String, LastDelivery> lastDelivery = new HashMap<>();
  private final Map<String, Map<String, EscalationAlert>> held = new HashMap<>();
  private final Reminders reminders = new Reminders();
  private final List<Pending> unbound = new ArrayList<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private Instant nextHousekeeping = Instant.MIN;
  private long passEnds;
  private KafkaConsumer<String, byte[]> consumer;
  private KafkaConsumer<String, byte[]> watch;
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
    this.inhibitor = new Inhibitor(settings.inhibitRules());
    this.thread = new Thread(this::run, "tocsin-notifier-" + settings.instanceId());
    Gauge.builder("tocsin.notifier.pending", pendingCount, AtomicInteger::get)
        .description("Alert records read and not yet settled")
        .register(meters);
    Gauge.builder("tocsin.notifier.held", heldCount, AtomicInteger::get)
        .description("Notifications held back by a silence or an inhibit rule")
        .register(meters);
  }

  /**
   * Reports to {@code registry}: {@code tocsin.deliveries} (by sink and outcome), {@code
   * tocsin.notifier.attempts} (by sink and result), {@code tocsin.notifier.latency} (record
   * timestamp to acknowledgement, by sink), {@code tocsin.notifier.pending}, {@code
   * tocsin.notifier.held}, {@code tocsin.notifier.released} and {@code tocsin.notifier.repeats} (by
   * sink) and {@code tocsin.notifier.held.back} (by sink and reason: {@code silenced}, {@code
   * inhibited}).
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
      watch = new KafkaConsumer<>(watchConfig());
      startWatching();
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
        for (ConsumerRecord<String, byte[]> record : watch.poll(Duration.ZERO)) {
          watched(record);
        }
        housekeeping();
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
    if (watch != null) {
      watch.close();
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

  private Map<String, Object> watchConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  // ---- the watch: silences, every alert's latest version, every receipt ----

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
    while (running && partitions.stream().anyMatch(p -> watch.position(p) < end.get(p))) {
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
                : topics.silences().valueSerde().deserializer().deserialize(r.topic(), r.value());
        silences.put(r.key(), silence);
      } else if (r.topic().equals(topics.alerts().name())) {
        if (r.value() != null) {
          EscalationAlert alert =
              topics.alerts().valueSerde().deserializer().deserialize(r.topic(), r.value());
          noteLatest(alert, r.partition());
        }
      } else if (r.value() != null) {
        DeliveryReceipt receipt =
            topics.deliveries().valueSerde().deserializer().deserialize(r.topic(), r.value());
        noteReceipt(receipt);
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

  private void noteLatest(EscalationAlert alert, int partition) {
    EscalationAlert known = latest.get(alert.getAlertKey());
    if (known == null || known.getVersion() <= alert.getVersion()) {
      latest.put(alert.getAlertKey(), alert);
      partitionOf.put(alert.getAlertKey(), partition);
    }
  }

  private void noteReceipt(DeliveryReceipt receipt) {
    String key = receipt.getIdempotencyKey();
    DeliveryOutcome outcome = receipt.getOutcome();
    if (outcome == DeliveryOutcome.DELIVERED) {
      noteDelivered(
          receipt.getSink(),
          receipt.getAlertKey(),
          receipt.getAlertVersion(),
          key,
          receipt.getAt());
    } else if (outcome == DeliveryOutcome.SILENCED || outcome == DeliveryOutcome.INHIBITED) {
      suppressed.add(key);
    }
    if (isFinal(outcome)) {
      settled.add(key);
    }
  }

  /** Remembers one acknowledged delivery, read back or just made; returns whether it is new. */
  private boolean noteDelivered(String sink, String alertKey, int version, String key, Instant at) {
    if (!delivered.add(key)) {
      return false;
    }
    lastDelivery.merge(
        sinkAndAlert(sink, alertKey),
        new LastDelivery(version, at, 1),
        (old, now) -> {
          if (old.version() != now.version()) {
            return old.version() > now.version() ? old : now;
          }
          return new LastDelivery(
              old.version(), old.at().isAfter(now.at()) ? old.at() : now.at(), old.count() + 1);
        });
    return true;
  }

  private void rebuildFiring() {
    if (firing.isEmpty()) {
      return;
    }
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

  /**
   * Takes over what is held back and what was last notified for the alerts of newly assigned
   * partitions, from the receipts every instance writes.
   */
  private void adopt(Collection<TopicPartition> partitions) {
    Set<Integer> mine = new HashSet<>();
    for (TopicPartition tp : partitions) {
      if (tp.topic().equals(topics.alerts().name())) {
        mine.add(tp.partition());
      }
    }
    if (mine.isEmpty()) {
      return;
    }
    catchUp(false);
    for (EscalationAlert alert : latest.values()) {
      if (!mine.contains(partitionOf.get(alert.getAlertKey()))) {
        continue;
      }
      for (String sink : router.sinksFor(alert)) {
        String key = idempotencyKey(alert, sink);
        if (suppressed.contains(key) && !settled.contains(key)) {
          hold(sink, alert);
        }
        LastDelivery last = lastDelivery.get(sinkAndAlert(sink, alert.getAlertKey()));
        if (repeats(sink) && last != null && last.version() == alert.getVersion()) {
          reminders.delivered(sink, alert, last.at(), last.count() - 1);
        }
      }
    }
  }

  /** Forgets what is held back and scheduled for the alerts of partitions no longer assigned. */
  private void release(Collection<TopicPartition> partitions) {
    Set<Integer> gone = new HashSet<>();
    for (TopicPartition tp : partitions) {
      if (tp.topic().equals(topics.alerts().name())) {
        gone.add(tp.partition());
      }
    }
    for (Map.Entry<String, Integer> entry : partitionOf.entrySet()) {
      if (gone.contains(entry.getValue())) {
        reminders.forget(entry.getKey());
        held.values().forEach(alerts -> alerts.remove(entry.getKey()));
      }
    }
    int before = unbound.size();
    unbound.removeIf(p -> gone.contains(partitionOf.get(p.alert.getAlertKey())));
    pendingCount.addAndGet(unbound.size() - before);
    for (Group g : groups.values()) {
      g.members.removeIf(
          m -> m.record == null && gone.contains(partitionOf.get(m.alert.getAlertKey())));
    }
    heldCount.set(held.values().stream().mapToInt(Map::size).sum());
  }

  // ---- silences, inhibition, repeats ----

  /** Why a notification is held back: which outcome to record and what holds it. */
  private record Suppression(DeliveryOutcome outcome, String reason) {}

  private Suppression suppression(EscalationAlert alert, Instant now) {
    Optional<Silence> silence = silences.silencing(alert, now);
    if (silence.isPresent()) {
      return new Suppression(
          DeliveryOutcome.SILENCED,
          "silenced by " + silence.get().getId() + " (" + silence.get().getCreatedBy() + ")");
    }
    Optional<EscalationAlert> source = inhibitor.inhibitor(alert, latest.values());
    return source
        .map(a -> new Suppression(DeliveryOutcome.INHIBITED, "inhibited by " + a.getAlertKey()))
        .orElse(null);
  }

  private void hold(String sink, EscalationAlert alert) {
    held.computeIfAbsent(sink, k -> new LinkedHashMap<>())
        .merge(
            alert.getAlertKey(),
            alert,
            (old, now) -> old.getVersion() > now.getVersion() ? old : now);
    heldCount.set(held.values().stream().mapToInt(Map::size).sum());
  }

  private void unhold(String sink, EscalationAlert alert) {
    Map<String, EscalationAlert> alerts = held.get(sink);
    if (alerts == null) {
      return;
    }
    EscalationAlert old = alerts.get(alert.getAlertKey());
    if (old != null && old.getVersion() <= alert.getVersion()) {
      alerts.remove(alert.getAlertKey());
      heldCount.set(held.values().stream().mapToInt(Map::size).sum());
    }
  }

  private void housekeeping() {
    Instant now = clock.instant();
    if (now.isBefore(nextHousekeeping)) {
      return;
    }
    nextHousekeeping = now.plus(HOUSEKEEPING);
    releaseHeld(now);
    remind(now);
  }

  /** Notifies the held-back alerts that nothing holds back any more. */
  private void releaseHeld(Instant now) {
    for (Map.Entry<String, Map<String, EscalationAlert>> entry : held.entrySet()) {
      String sink = entry.getKey();
      Iterator<EscalationAlert> it = entry.getValue().values().iterator();
      while (it.hasNext()) {
        EscalationAlert alert = it.next();
        EscalationAlert current = latest.get(alert.getAlertKey());
        // A newer version comes through the alerts consumer on its own.
        boolean superseded = current != null && current.getVersion() > alert.getVersion();
        if (superseded || settled.contains(idempotencyKey(alert, sink))) {
          it.remove();
          continue;
        }
        if (suppression(alert, now) != null) {
          continue;
        }
        it.remove();
        if (alert.getStatus() == AlertStatus.RESOLVED
            && !lastDelivery.containsKey(sinkAndAlert(sink, alert.getAlertKey()))) {
          // The receiver never heard that it fired: nothing to resolve.
          continue;
        }
        Pending p = new Pending(null, alert, 0);
        p.open.put(sink, new Attempts(now));
        unbound.add(p);
        pendingCount.incrementAndGet();
        meters.counter("tocsin.notifier.released", "sink", sink).increment();
        LOG.info("Releasing held-back {} to {}", idempotencyKey(alert, sink), sink);
      }
    }
    heldCount.set(held.values().stream().mapToInt(Map::size).sum());
  }

  /** Notifies again the firing alerts whose repeat interval has passed. */
  private void remind(Instant now) {
    for (Reminders.Entry due :
        reminders.due(
            now, (sink, alert) -> router.repeatInterval(alert, sink, settings.repeatInterval()))) {
      EscalationAlert current = latest.get(due.alert().getAlertKey());
      if (current != null
          && (current.getVersion() > due.alert().getVersion()
              || current.getStatus() == AlertStatus.RESOLVED)) {
        // The newer version is notified, or resolves it, through the alerts consumer.
        continue;
      }
      if (suppression(due.alert(), now) != null) {
        continue;
      }
      reminders.postpone(due, now);
      Pending p = new Pending(null, due.alert(), due.repeats() + 1);
      p.open.put(due.sink(), new Attempts(now));
      unbound.add(p);
      pendingCount.incrementAndGet();
      meters.counter("tocsin.notifier.repeats", "sink", due.sink()).increment();
    }
  }

  private boolean repeats(String sink) {
    // Alertmanager gets firing alerts re-posted every resend interval and repeats on its own.
    return sinks.get(sink).resendInterval().isEmpty();
  }

  private static String sinkAndAlert(String sink, String alertKey) {
    return sink + "\n" + alertKey;
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
      pending.computeIfAbsent(tp, k -> new ArrayDeque<>()).add(new Pending(record, null, 0));
      pendingCount.incrementAndGet();
      return;
    }
    noteLatest(alert, record.partition());
    Pending p = new Pending(record, alert, 0);
    for (String sink : router.sinksFor(alert)) {
      String key = idempotencyKey(alert, sink);
      if (alert.getStatus() == AlertStatus.RESOLVED) {
        reminders.forget(sink, alert.getAlertKey());
      }
      if (settled.contains(key)) {
        LOG.debug("Already delivered {}; not sending again", key);
        continue;
      }
      unhold(sink, alert);
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
    boolean grouping = settings.grouping().enabled();
    for (ArrayDeque<Pending> queue : pending.values()) {
      boolean head = true;
      // Sink and alert key of every earlier record still open: a later version must not overtake.
      Set<String> earlier = new HashSet<>();
      for (Pending p : List.copyOf(queue)) {
        if (!running) {
          break;
        }
        if (head) {
          attemptDue(p);
        } else if (p.alert != null) {
          enlistBehindHead(p, earlier);
        }
        if (!p.open.isEmpty()) {
          head = false;
          if (!grouping) {
            break;
          }
          p.open.keySet().forEach(sink -> earlier.add(sinkAndAlert(sink, p.alert.getAlertKey())));
        }
      }
    }
    // Releases and repeats are bound to no offset: each goes its own way.
    for (Pending p : List.copyOf(unbound)) {
      if (!running) {
        break;
      }
      attemptDue(p);
    }
    flushGroups();
    advanceOffsets();
  }

  /** Pops the settled records at the head of each partition's queue and queues their offsets. */
  private void advanceOffsets() {
    for (Map.Entry<TopicPartition, ArrayDeque<Pending>> entry : pending.entrySet()) {
      ArrayDeque<Pending> queue = entry.getValue();
      while (!queue.isEmpty() && queue.peek().open.isEmpty()) {
        Pending head = queue.poll();
        pendingCount.decrementAndGet();
        if (!head.offsetQueued) {
          offsets.put(entry.getKey(), new OffsetAndMetadata(head.record.offset() + 1));
        }
      }
    }
    int before = unbound.size();
    unbound.removeIf(p -> p.open.isEmpty());
    pendingCount.addAndGet(unbound.size() - before);
  }

  // ---- grouping ----

  private boolean grouped(String sink) {
    return settings.grouping().enabled() && sinks.get(sink).groups();
  }

  /**
   * Lets a record behind its partition's head join the groups of its grouping sinks, so that
   * related alerts on one partition can share a notification; other sinks wait for their turn.
   */
  private void enlistBehindHead(Pending p, Set<String> earlier) {
    for (Map.Entry<String, Attempts> entry : List.copyOf(p.open.entrySet())) {
      String sink = entry.getKey();
      Attempts attempts = entry.getValue();
      if (attempts.group != null
          || !grouped(sink)
          || earlier.contains(sinkAndAlert(sink, p.alert.getAlertKey()))) {
        continue;
      }
      Instant now = clock.instant();
      Suppression suppression = suppression(p.alert, now);
      if (suppression != null) {
        suppress(p, sink, attempts, suppression, now);
      } else {
        enlist(p, sink, attempts, now);
      }
    }
  }

  private void enlist(Pending p, String sink, Attempts attempts, Instant now) {
    Grouping grouping = settings.grouping();
    String key = grouping.key(p.alert);
    Group g =
        groups.computeIfAbsent(
            sinkAndAlert(sink, key), k -> new Group(sink, key, grouping.labels(p.alert)));
    for (Pending member : g.members) {
      if (member.alert.getAlertKey().equals(p.alert.getAlertKey())) {
        // An earlier version is waiting in this group: this one goes in the next notification.
        return;
      }
    }
    if (g.members.isEmpty()) {
      g.flushAt = grouping.notifyAt(g.lastFlushAt, now);
      g.attempts = new Attempts(now);
    }
    g.members.add(p);
    attempts.group = g;
  }

  /** Sends every group whose time has come as one notification. */
  private void flushGroups() {
    for (Group g : List.copyOf(groups.values())) {
      Instant now = clock.instant();
      if (g.members.isEmpty()) {
        if (g.lastFlushAt == null
            || !now.isBefore(g.lastFlushAt.plus(settings.grouping().groupInterval()))) {
          groups.remove(sinkAndAlert(g.sink, g.key));
        }
        continue;
      }
      if (now.isBefore(g.flushAt) || now.isBefore(g.attempts.nextAt)) {
        continue;
      }
      if (System.nanoTime() - passEnds > 0) {
        return;
      }
      for (Pending m : List.copyOf(g.members)) {
        Suppression suppression = suppression(m.alert, now);
        if (suppression != null) {
          g.members.remove(m);
          Attempts attempts = m.open.get(g.sink);
          attempts.group = null;
          suppress(m, g.sink, attempts, suppression, now);
        }
      }
      if (g.members.isEmpty()) {
        continue;
      }
      CircuitBreaker breaker = breakers.get(g.sink);
      if (!breaker.tryAcquire(now)) {
        g.attempts.nextAt = breaker.nextAttemptAt(now);
        continue;
      }
      GroupNotification notification = notification(g);
      g.attempts.count++;
      DeliveryResult result = deliverGroup(sinks.get(g.sink), notification);
      now = clock.instant();
      countAttempt(g.sink, result);
      switch (result.kind()) {
        case DELIVERED -> {
          breaker.onSuccess();
          for (Pending m : g.members) {
            settleDelivered(m, g.sink, g.attempts.count, result, now);
          }
          g.members.clear();
          g.lastFlushAt = now;
          advanceOffsets();
          // Commit at once, as for a single alert.
          flush();
        }
        case PERMANENT -> {
          breaker.onNeutral();
          for (Pending m : g.members) {
            giveUp(m, g.sink, g.attempts, result, DeliveryOutcome.FAILED, now);
          }
          g.members.clear();
          g.lastFlushAt = now;
        }
        case RETRY -> {
          if (result.httpStatus() != null && result.httpStatus() == 429) {
            breaker.onNeutral();
          } else {
            breaker.onFailure(now);
          }
          if (Duration.between(g.attempts.firstAt, now).compareTo(settings.maxAge()) >= 0) {
            for (Pending m : g.members) {
              giveUp(m, g.sink, g.attempts, result, DeliveryOutcome.DEAD_LETTERED, now);
            }
            g.members.clear();
            g.lastFlushAt = now;
          } else {
            Duration delay =
                settings
                    .retry()
                    .delay(
                        g.attempts.count,
                        ThreadLocalRandom.current().nextDouble(),
                        result.retryAfter());
            g.attempts.nextAt = now.plus(delay);
            LOG.debug(
                "Group notification {} failed ({}); retrying in {}",
                notification.idempotencyKey(),
                result.error(),
                delay);
          }
        }
      }
    }
  }

  /**
   * Returns the notification of a group's members; its key hashes the members' keys, so the same
   * alert versions sent again after a crash carry the same key.
   */
  private static GroupNotification notification(Group g) {
    List<EscalationAlert> alerts = new ArrayList<>();
    List<String> alertKeys = new ArrayList<>();
    List<String> memberKeys = new ArrayList<>();
    for (Pending m : g.members) {
      alerts.add(m.alert);
      String key = m.key(g.sink);
      alertKeys.add(WebhookSink.alertVersionKey(m.alert) + repeatSuffix(key));
      memberKeys.add(key);
    }
    memberKeys.sort(null);
    String digest;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (g.key + "\n" + String.join("\n", memberKeys)).getBytes(StandardCharsets.UTF_8));
      digest = HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    return new GroupNotification(
        g.key, g.labels, alerts, alertKeys, "group:" + g.sink + ":" + digest);
  }

  // A sink's bug must not stop delivery to the others: it counts as a permanent failure.
  private static DeliveryResult deliverGroup(Sink sink, GroupNotification notification) {
    try {
      return sink.deliverGroup(notification);
    } catch (RuntimeException e) {
      LOG.error("Sink {} failed on {}", sink.name(), notification.idempotencyKey(), e);
      return DeliveryResult.permanent(null, "sink error: " + e);
    }
  }

  private void attemptDue(Pending p) {
    for (String sinkName : List.copyOf(p.open.keySet())) {
      Attempts attempts = p.open.get(sinkName);
      Instant now = clock.instant();
      CircuitBreaker breaker = breakers.get(sinkName);
      if (attempts.group != null || now.isBefore(attempts.nextAt)) {
        continue;
      }
      if (System.nanoTime() - passEnds > 0) {
        return;
      }
      Suppression suppression = suppression(p.alert, now);
      if (suppression != null) {
        suppress(p, sinkName, attempts, suppression, now);
        continue;
      }
      if (grouped(sinkName)) {
        enlist(p, sinkName, attempts, now);
        continue;
      }
      if (!breaker.tryAcquire(now)) {
        attempts.nextAt = breaker.nextAttemptAt(now);
        continue;
      }
      String key = p.key(sinkName);
      attempts.count++;
      DeliveryResult result = deliver(sinks.get(sinkName), p.alert, key);
      now = clock.instant();
      countAttempt(sinkName, result);
      switch (result.kind()) {
        case DELIVERED -> {
          breaker.onSuccess();
          settleDelivered(p, sinkName, attempts.count, result, now);
          if (p.open.isEmpty() && p.record != null) {
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

  /** Records one acknowledged delivery of {@code p} to {@code sinkName}: receipt, state, meters. */
  private void settleDelivered(
      Pending p, String sinkName, int attempt, DeliveryResult result, Instant now) {
    String key = p.key(sinkName);
    p.open.remove(sinkName);
    settled.add(key);
    noteDelivered(sinkName, p.alert.getAlertKey(), p.alert.getVersion(), key, now);
    if (repeats(sinkName)) {
      reminders.delivered(sinkName, p.alert, now, p.repeat);
    }
    if (firing.containsKey(sinkName) && p.alert.getStatus() != AlertStatus.RESOLVED) {
      firing.get(sinkName).put(p.alert.getAlertKey(), p.alert);
    }
    outbox.add(
        receipt(
            p.alert,
            sinkName,
            key,
            DeliveryOutcome.DELIVERED,
            attempt,
            result.httpStatus(),
            result.error(),
            now));
    countSettled(sinkName, DeliveryOutcome.DELIVERED);
    if (p.record != null) {
      Timer.builder("tocsin.notifier.latency")
          .description("From the alert record's timestamp to the receiver's acknowledgement")
          .tag("sink", sinkName)
          .publishPercentiles(0.5, 0.99)
          .register(meters)
          .record(Duration.ofMillis(Math.max(0, now.toEpochMilli() - p.record.timestamp())));
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
    String key = p.key(sinkName);
    LOG.warn("Giving up delivery {} after {} attempts: {}", key, attempts.count, result.error());
    p.open.remove(sinkName);
    settled.add(key);
    countSettled(sinkName, outcome);
    outbox.add(
        receipt(
            p.alert,
            sinkName,
            key,
            outcome,
            attempts.count,
            result.httpStatus(),
            result.error(),
            now));
    String error = outcome + " after " + attempts.count + " attempts: " + result.error();
    outbox.add(
        p.record != null
            ? deadLetter(p.record, "notify." + sinkName, error, null, now)
            : deadLetter(p.alert, "notify." + sinkName, error, now));
  }

  /** Holds back one notification: a receipt saying why, and the alert kept for its release. */
  private void suppress(
      Pending p, String sinkName, Attempts attempts, Suppression suppression, Instant now) {
    p.open.remove(sinkName);
    if (p.repeat > 0) {
      // A repeat held back is not owed: the next one is due an interval after the release.
      return;
    }
    String key = p.key(sinkName);
    suppressed.add(key);
    hold(sinkName, p.alert);
    // Counted apart from the deliveries, so that a failure alert on non-delivered outcomes does
    // not fire for what an operator chose to silence.
    meters
        .counter(
            "tocsin.notifier.held.back",
            "sink",
            sinkName,
            "reason",
            suppression.outcome().name().toLowerCase(Locale.ROOT))
        .increment();
    LOG.debug("Holding back {}: {}", key, suppression.reason());
    outbox.add(
        receipt(
            p.alert,
            sinkName,
            key,
            suppression.outcome(),
            attempts.count,
            null,
            suppression.reason(),
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
      boolean waiting =
          queue != null
              && !queue.isEmpty()
              && (queue.size() >= MAX_QUEUED
                  || !queue.peek().open.values().stream().allMatch(a -> a.group != null));
      // A head waiting only in a group holds nothing up: its relatives may follow it in.
      (waiting ? busy : idle).add(tp);
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
      String key,
      DeliveryOutcome outcome,
      int attempt,
      Integer httpStatus,
      String error,
      Instant now) {
    DeliveryReceipt receipt =
        DeliveryReceipt.newBuilder()
            .setIdempotencyKey(key)
            .setAlertKey(alert.getAlertKey())
            .setAlertVersion(alert.getVersion())
            .setSink(sink)
            .setOutcome(outcome)
            .setAttempt(attempt)
            .setHttpStatus(httpStatus)
            .setError(error)
            .setAt(now)
            .build();
    return record(topics.deliveries(), key, receipt);
  }

  /** A dead letter for a release or repeat, which has no record of its own. */
  private ProducerRecord<byte[], byte[]> deadLetter(
      EscalationAlert alert, String stage, String error, Instant now) {
    Topic<String, EscalationAlert> topic = topics.alerts();
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setStage(stage)
            .setTopic(topic.name())
            .setKey(ByteBuffer.wrap(alert.getAlertKey().getBytes(StandardCharsets.UTF_8)))
            .setValue(
                ByteBuffer.wrap(topic.valueSerde().serializer().serialize(topic.name(), alert)))
            .setError(error)
            .setFailedAt(now)
            .build();
    return record(topics.alertsDlq(), alert.getAlertKey(), letter);
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

  /**
   * Returns the key of the {@code repeat}-th re-notification of an alert version to a sink:
   * alertKey:version:sink:repeat-N, or the plain key for 0.
   */
  public static String idempotencyKey(EscalationAlert alert, String sink, int repeat) {
    return idempotencyKey(alert, sink) + (repeat > 0 ? REPEAT + repeat : "");
  }

  /** Returns the {@code :repeat-N} end of a re-notification's key, or "" for a first one. */
  public static String repeatSuffix(String idempotencyKey) {
    int at = idempotencyKey.lastIndexOf(REPEAT);
    if (at < 0) {
      return "";
    }
    String n = idempotencyKey.substring(at + REPEAT.length());
    return !n.isEmpty() && n.chars().allMatch(Character::isDigit)
        ? idempotencyKey.substring(at)
        : "";
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
      release(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      adopt(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
      release(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      for (Group g : groups.values()) {
        g.members.removeIf(
            m ->
                m.record != null
                    && partitions.contains(
                        new TopicPartition(m.record.topic(), m.record.partition())));
      }
      for (TopicPartition tp : partitions) {
        ArrayDeque<Pending> queue = pending.remove(tp);
        if (queue != null) {
          pendingCount.addAndGet(-queue.size());
        }
        offsets.remove(tp);
      }
    }
  }

  /**
   * One alert record and the sinks it still has to reach; or, with no record, a held-back alert
   * released or a firing alert repeated ({@code repeat} > 0).
   */
  private static final class Pending {
    final ConsumerRecord<String, byte[]> record;
    final EscalationAlert alert;
    final int repeat;
    final Map<String, Attempts> open = new LinkedHashMap<>();

    boolean offsetQueued;

    Pending(ConsumerRecord<String, byte[]> record, EscalationAlert alert, int repeat) {
      this.record = record;
      this.alert = alert;
      this.repeat = repeat;
    }

    String key(String sink) {
      return idempotencyKey(alert, sink, repeat);
    }
  }

  /** The latest alert version a sink acknowledged for an alert, when, and how many times. */
  private record LastDelivery(int version, Instant at, int count) {}

  /** Related alerts on their way to one sink in one notification. */
  private static final class Group {
    final String sink;
    final String key;
    final Map<String, String> labels;
    final List<Pending> members = new ArrayList<>();
    Instant flushAt;
    Instant lastFlushAt;
    Attempts attempts;

    Group(String sink, String key, Map<String, String> labels) {
      this.sink = sink;
      this.key = key;
      this.labels = labels;
    }
  }

  /** The attempts at one delivery; {@code group} is set while it waits in a group instead. */
  private static final class Attempts {
    final Instant firstAt;
    Instant nextAt;
    int count;
    Group group;

    Attempts(Instant now) {
      this.firstAt = now;
      this.nextAt = now;
    }
  }
}
