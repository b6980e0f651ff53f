package dev.tocsin.alerting.notify;

import static dev.tocsin.schemas.DeliveryOutcome.DELIVERED;

import dev.tocsin.schemas.DeliveryOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the delivery attempts that are due, one alert or one group at a time, through each sink's
 * circuit breaker with backoff up to the maximum age, and records every outcome.
 */
final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  // Attempts of one loop pass stop after this long, so that the consumer polls well within
  // max.poll.interval.ms even when every receiver hangs until its timeout.
  private static final Duration PASS_BUDGET = Duration.ofSeconds(30);

  private final NotifierParts parts;
  private final Map<String, Sink> sinks;
  private final Map<String, CircuitBreaker> breakers;
  private final MeterRegistry meters;
  private final Clock clock;
  private long passEnds;

  Dispatcher(NotifierParts parts) {
    this.parts = parts;
    this.sinks = parts.sinks();
    this.breakers = parts.breakers();
    this.meters = parts.meters();
    this.clock = parts.clock();
  }

  /** Starts a loop pass: its attempts stop once the pass budget is spent. */
  void startPass() {
    passEnds = System.nanoTime() + PASS_BUDGET.toNanos();
  }

  private boolean passOver() {
    return System.nanoTime() - passEnds > 0;
  }

  /** Attempts each of {@code p}'s open deliveries that is due and not waiting in a group. */
  void attemptDue(Pending p) {
    for (String sinkName : List.copyOf(p.open.keySet())) {
      Attempts attempts = p.open.get(sinkName);
      Instant now = clock.instant();
      CircuitBreaker breaker = breakers.get(sinkName);
      if (attempts.group != null || now.isBefore(attempts.nextAt)) {
        continue;
      }
      if (passOver()) {
        return;
      }
      HoldBack.Suppression suppression = parts.holdBack().suppression(p.alert, now);
      if (suppression != null) {
        suppress(p, sinkName, attempts, suppression, now);
        continue;
      }
      if (parts.groups().grouped(sinkName)) {
        parts.groups().enlist(p, sinkName, attempts, now);
        continue;
      }
      if (!breaker.tryAcquire(now)) {
        attempts.nextAt = breaker.nextAttemptAt(now);
        continue;
      }
      String key = p.key(sinkName);
      attempts.count++;
      DeliveryResult result = deliver(sinks.get(sinkName), p, key);
      now = clock.instant();
      countAttempt(sinkName, result);
      if (result.kind() == DeliveryResult.Kind.DELIVERED) {
        breaker.onSuccess();
        settleDelivered(p, sinkName, attempts.count, result, now);
        if (p.open.isEmpty() && p.record != null) {
          p.offsetQueued = true;
          parts.outbox().consumed(p.record);
        }
        // Commit at once: the window in which an acknowledged delivery could be repeated after
        // a crash is this one transaction.
        parts.outbox().commit();
      } else {
        DeliveryOutcome outcome = failed(breaker, attempts, result, "Delivery " + key, now);
        if (outcome != null) {
          giveUp(p, sinkName, attempts, result, outcome, now);
        }
      }
    }
  }

  /**
   * Lets a record behind its partition's head join the groups of its grouping sinks, so that
   * related alerts on one partition can share a notification; other sinks wait for their turn.
   * {@code earlier} holds the sink and alert key of every earlier record still open: a later
   * version must not overtake.
   */
  void enlistBehindHead(Pending p, Set<SinkAndKey> earlier) {
    for (Map.Entry<String, Attempts> entry : List.copyOf(p.open.entrySet())) {
      String sink = entry.getKey();
      Attempts attempts = entry.getValue();
      if (attempts.group != null
          || !parts.groups().grouped(sink)
          || earlier.contains(new SinkAndKey(sink, p.alert.getAlertKey()))) {
        continue;
      }
      Instant now = clock.instant();
      HoldBack.Suppression suppression = parts.holdBack().suppression(p.alert, now);
      if (suppression != null) {
        suppress(p, sink, attempts, suppression, now);
      } else {
        parts.groups().enlist(p, sink, attempts, now);
      }
    }
  }

  /** Sends every group whose time has come as one notification. */
  void flushGroups() {
    for (GroupBuffers.Group g : parts.groups().all()) {
      Instant now = clock.instant();
      if (parts.groups().isIdle(g, now) || !g.isDue(now)) {
        continue;
      }
      if (passOver()) {
        return;
      }
      for (Pending m : List.copyOf(g.members)) {
        HoldBack.Suppression suppression = parts.holdBack().suppression(m.alert, now);
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
      GroupNotification notification = g.notification();
      g.attempts.count++;
      DeliveryResult result = deliverGroup(sinks.get(g.sink), notification);
      now = clock.instant();
      countAttempt(g.sink, result);
      if (result.kind() == DeliveryResult.Kind.DELIVERED) {
        breaker.onSuccess();
        for (Pending m : g.members) {
          settleDelivered(m, g.sink, g.attempts.count, result, now);
        }
        g.settled(now);
        parts.queues().advance(parts.outbox());
        // Commit at once, as for a single alert.
        parts.outbox().commit();
      } else {
        String what = "Group notification " + notification.idempotencyKey();
        DeliveryOutcome outcome = failed(breaker, g.attempts, result, what, now);
        if (outcome != null) {
          for (Pending m : g.members) {
            giveUp(m, g.sink, g.attempts, result, outcome, now);
          }
          g.settled(now);
        }
      }
    }
  }

  /**
   * Tells the breaker of a failed attempt and returns the outcome that ends the delivery for good,
   * or null when it is retried: then {@code attempts} gets its next attempt time.
   */
  private DeliveryOutcome failed(
      CircuitBreaker breaker, Attempts attempts, DeliveryResult result, String what, Instant now) {
    if (result.kind() == DeliveryResult.Kind.PERMANENT) {
      breaker.onNeutral();
      return DeliveryOutcome.FAILED;
    }
    if (result.httpStatus() != null && result.httpStatus() == 429) {
      breaker.onNeutral();
    } else {
      breaker.onFailure(now);
    }
    if (Duration.between(attempts.firstAt, now).compareTo(parts.settings().maxAge()) >= 0) {
      return DeliveryOutcome.DEAD_LETTERED;
    }
    Duration delay =
        parts
            .settings()
            .retry()
            .delay(attempts.count, ThreadLocalRandom.current().nextDouble(), result.retryAfter());
    attempts.nextAt = now.plus(delay);
    LOG.debug("{} failed ({}); retrying in {}", what, result.error(), delay);
    return null;
  }

  /** Records one acknowledged delivery of {@code p} to {@code sinkName}: receipt, state, meters. */
  private void settleDelivered(
      Pending p, String sinkName, int attempt, DeliveryResult result, Instant now) {
    String key = p.key(sinkName);
    p.open.remove(sinkName);
    parts.ledger().delivered(sinkName, p.alert, key, now);
    if (!parts.resender().resends(sinkName)) {
      parts.reminders().delivered(sinkName, p.alert, now, p.repeat);
    }
    parts.resender().delivered(sinkName, p.alert);
    parts
        .outbox()
        .receipt(p, sinkName, DELIVERED, attempt, result.httpStatus(), result.error(), now);
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
    parts.ledger().gaveUp(key);
    countSettled(sinkName, outcome);
    Outbox outbox = parts.outbox();
    outbox.receipt(p, sinkName, outcome, attempts.count, result.httpStatus(), result.error(), now);
    String error = outcome + " after " + attempts.count + " attempts: " + result.error();
    if (p.record != null) {
      outbox.deadLetter(p.record, "notify." + sinkName, error, null, now);
    } else {
      outbox.deadLetter(p.alert, "notify." + sinkName, error, now);
    }
  }

  /** Holds back one notification: a receipt saying why, and the alert kept for its release. */
  private void suppress(
      Pending p,
      String sinkName,
      Attempts attempts,
      HoldBack.Suppression suppression,
      Instant now) {
    p.open.remove(sinkName);
    if (p.repeat > 0) {
      // A repeat held back is not owed: the next one is due an interval after the release.
      return;
    }
    String key = p.key(sinkName);
    parts.ledger().suppressed(key);
    parts.holdBack().hold(sinkName, p.alert);
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
    parts
        .outbox()
        .receipt(
            p, sinkName, suppression.outcome(), attempts.count, null, suppression.reason(), now);
  }

  // A sink's bug must not stop delivery to the others: it counts as a permanent failure.
  private static DeliveryResult deliver(Sink sink, Pending p, String key) {
    try {
      return sink.deliver(p.alert, key);
    } catch (RuntimeException e) {
      return sinkError(sink, key, e);
    }
  }

  private static DeliveryResult deliverGroup(Sink sink, GroupNotification notification) {
    try {
      return sink.deliverGroup(notification);
    } catch (RuntimeException e) {
      return sinkError(sink, notification.idempotencyKey(), e);
    }
  }

  private static DeliveryResult sinkError(Sink sink, String key, RuntimeException e) {
    LOG.error("Sink {} failed on {}", sink.name(), key, e);
    return DeliveryResult.permanent(null, "sink error: " + e);
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
}
