package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the firing alerts of the sinks that want them posted again (Alertmanager) and re-posts them
 * every resend interval.
 */
final class Resender {

  private static final Logger LOG = LoggerFactory.getLogger(Resender.class);

  private final Map<String, Sink> sinks = new HashMap<>();
  private final Map<String, CircuitBreaker> breakers;
  private final Clock clock;
  private final Map<String, Map<String, EscalationAlert>> firing = new HashMap<>();
  private final Map<String, Instant> nextResend = new HashMap<>();

  Resender(Collection<Sink> sinks, Map<String, CircuitBreaker> breakers, Clock clock) {
    this.breakers = breakers;
    this.clock = clock;
    for (Sink sink : sinks) {
      if (sink.resendInterval().isPresent()) {
        this.sinks.put(sink.name(), sink);
        firing.put(sink.name(), new LinkedHashMap<>());
      }
    }
  }

  /** Returns whether {@code sink} gets its firing alerts re-posted. */
  boolean resends(String sink) {
    return firing.containsKey(sink);
  }

  /** Rebuilds the firing sets from the latest alert versions and the acknowledged deliveries. */
  void rebuild(Collection<EscalationAlert> latest, Router router, DeliveryLedger ledger) {
    if (firing.isEmpty()) {
      return;
    }
    for (EscalationAlert alert : latest) {
      if (alert.getStatus() == AlertStatus.RESOLVED) {
        continue;
      }
      for (String sink : router.sinksFor(alert)) {
        if (resends(sink) && ledger.isDelivered(Notifier.idempotencyKey(alert, sink))) {
          firing.get(sink).put(alert.getAlertKey(), alert);
        }
      }
    }
  }

  /** Remembers that {@code sink} acknowledged {@code alert}; a firing one joins its set. */
  void delivered(String sink, EscalationAlert alert) {
    if (resends(sink) && alert.getStatus() != AlertStatus.RESOLVED) {
      firing.get(sink).put(alert.getAlertKey(), alert);
    }
  }

  /** Drops the resolved {@code alertKey} from the set of {@code sink}. */
  void resolved(String sink, String alertKey) {
    if (resends(sink)) {
      firing.get(sink).remove(alertKey);
    }
  }

  /** Re-posts the firing set of every sink whose resend interval has passed. */
  void resendDue() {
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
}
