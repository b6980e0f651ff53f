package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers what the receipts on {@code tocsin.deliveries} say, read back or just written, and the
 * latest version of every alert on {@code tocsin.alerts} with its partition.
 */
final class DeliveryLedger {

  /** The latest alert version a sink acknowledged for an alert, when, and how many times. */
  record LastDelivery(int version, Instant at, int count) {}

  private final Set<String> settled = new HashSet<>();
  private final Set<String> delivered = new HashSet<>();
  private final Set<String> suppressed = new HashSet<>();
  private final Map<SinkAndKey, LastDelivery> lastDelivery = new HashMap<>();
  private final Map<String, EscalationAlert> latest = new HashMap<>();
  private final Map<String, Integer> partitionOf = new HashMap<>();

  /** Remembers {@code alert} read from {@code partition} unless a newer version is known. */
  void noteLatest(EscalationAlert alert, int partition) {
    EscalationAlert known = latest.get(alert.getAlertKey());
    if (known == null || known.getVersion() <= alert.getVersion()) {
      latest.put(alert.getAlertKey(), alert);
      partitionOf.put(alert.getAlertKey(), partition);
    }
  }

  /** Returns the latest known version of {@code alertKey}, or null. */
  EscalationAlert latest(String alertKey) {
    return latest.get(alertKey);
  }

  /** Returns the latest version of every alert known. */
  Collection<EscalationAlert> latestAlerts() {
    return latest.values();
  }

  /** Returns the latest versions of the alerts on {@code partitions} of the alerts topic. */
  List<EscalationAlert> latestOn(Set<Integer> partitions) {
    List<EscalationAlert> alerts = new ArrayList<>();
    for (EscalationAlert alert : latest.values()) {
      if (isOn(alert.getAlertKey(), partitions)) {
        alerts.add(alert);
      }
    }
    return alerts;
  }

  /** Returns the keys of the alerts on {@code partitions} of the alerts topic. */
  List<String> alertKeysOn(Set<Integer> partitions) {
    return partitionOf.entrySet().stream()
        .filter(e -> partitions.contains(e.getValue()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Returns whether {@code alertKey} is on one of {@code partitions} of the alerts topic. */
  boolean isOn(String alertKey, Set<Integer> partitions) {
    return partitions.contains(partitionOf.get(alertKey));
  }

  /** Remembers what one receipt read back says. */
  void noteReceipt(DeliveryReceipt receipt) {
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

  /** Remembers a delivery just acknowledged: settled, and the sink's last one of the alert. */
  void delivered(String sink, EscalationAlert alert, String key, Instant at) {
    settled.add(key);
    noteDelivered(sink, alert.getAlertKey(), alert.getVersion(), key, at);
  }

  private void noteDelivered(String sink, String alertKey, int version, String key, Instant at) {
    if (!delivered.add(key)) {
      return;
    }
    lastDelivery.merge(
        new SinkAndKey(sink, alertKey),
        new LastDelivery(version, at, 1),
        (old, now) -> {
          if (old.version() != now.version()) {
            return old.version() > now.version() ? old : now;
          }
          return new LastDelivery(
              old.version(), old.at().isAfter(now.at()) ? old.at() : now.at(), old.count() + 1);
        });
  }

  /** Remembers that the delivery {@code key} ended for good without an acknowledgement. */
  void gaveUp(String key) {
    settled.add(key);
  }

  /** Remembers that the delivery {@code key} is held back. */
  void suppressed(String key) {
    suppressed.add(key);
  }

  /** Returns whether the delivery {@code key} is acknowledged, given up or dead-lettered. */
  boolean isSettled(String key) {
    return settled.contains(key);
  }

  /** Returns whether a receiver acknowledged the delivery {@code key}. */
  boolean isDelivered(String key) {
    return delivered.contains(key);
  }

  /** Returns whether the delivery {@code key} was held back and has not settled since. */
  boolean isHeldBack(String key) {
    return suppressed.contains(key) && !settled.contains(key);
  }

  /** Returns the latest acknowledged delivery of {@code alertKey} to {@code sink}, or null. */
  LastDelivery lastDelivery(String sink, String alertKey) {
    return lastDelivery.get(new SinkAndKey(sink, alertKey));
  }

  /** Returns how many deliveries are settled. */
  int settledCount() {
    return settled.size();
  }

  private static boolean isFinal(DeliveryOutcome outcome) {
    return outcome == DeliveryOutcome.DELIVERED
        || outcome == DeliveryOutcome.FAILED
        || outcome == DeliveryOutcome.DEAD_LETTERED;
  }
}
