package dev.tocsin.alerting.notify;

import dev.tocsin.platform.health.ReadinessCheck;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers the alerts on {@code tocsin.alerts} to the sinks their routes name, exactly once. */
public final class Notifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final String REPEAT = ":repeat-";

  private final Map<String, Sink> sinks = new LinkedHashMap<>();
  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final AtomicBoolean running = new AtomicBoolean();
  private final DeliveryLoop loop;
  private final Thread thread;

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
    Objects.requireNonNull(clientConfig, "clientConfig");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    for (Sink sink : sinks) {
      if (this.sinks.put(sink.name(), sink) != null) {
        throw new IllegalArgumentException("two sinks are named '" + sink.name() + "'");
      }
    }
    NotifierParts parts = NotifierParts.create(topics, settings, this.sinks, meters, clock);
    DeliveryCoordinator coordinator =
        new DeliveryCoordinator(parts, new Dispatcher(parts), running::get);
    this.loop = new DeliveryLoop(Map.copyOf(clientConfig), parts, coordinator, running);
    this.thread = new Thread(loop, "tocsin-notifier-" + settings.instanceId());
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
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("notifier already started");
    }
    thread.start();
  }

  /** Returns whether the notifier has read its receipts back and is delivering. */
  public boolean isReady() {
    return loop.isReady() && running.get() && loop.failure() == null;
  }

  /** Waits until the notifier is ready or {@code timeout} passes; returns whether it is ready. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    loop.awaitStarted(timeout);
    return isReady();
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
        Throwable failure = loop.failure();
        if (failure != null) {
          return "stopped: " + failure;
        }
        return isReady() ? null : "starting";
      }
    };
  }

  /** Returns the error that stopped the notifier, if one did. */
  public Throwable failure() {
    return loop.failure();
  }

  /**
   * Stops delivering: the attempt in flight finishes, what receivers acknowledged is committed, and
   * nothing that was not acknowledged is committed.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (!running.getAndSet(false)) {
        closeSinks();
        return;
      }
    }
    loop.wakeup();
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
}
