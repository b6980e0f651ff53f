package dev.tocsin.alerting.notify;

import dev.tocsin.alerting.mute.Inhibitor;
import dev.tocsin.alerting.mute.SilenceSet;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Silence;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which notifications a silence or an inhibit rule holds back, and keeps the held-back
 * alerts, per sink, until nothing holds them back any more.
 */
final class HoldBack {

  /** Why a notification is held back: which outcome to record and what holds it. */
  record Suppression(DeliveryOutcome outcome, String reason) {}

  /** A held-back alert that may now be notified to {@code sink}. */
  record Release(String sink, EscalationAlert alert) {}

  private final SilenceSet silences = new SilenceSet();
  private final Inhibitor inhibitor;
  private final DeliveryLedger ledger;
  private final Map<String, Map<String, EscalationAlert>> held = new HashMap<>();
  private final AtomicInteger heldCount = new AtomicInteger();

  HoldBack(Inhibitor inhibitor, DeliveryLedger ledger, MeterRegistry meters) {
    this.inhibitor = inhibitor;
    this.ledger = ledger;
    Gauge.builder("tocsin.notifier.held", heldCount, AtomicInteger::get)
        .description("Notifications held back by a silence or an inhibit rule")
        .register(meters);
  }

  /** Adds or replaces the silence {@code id}; a null silence (a tombstone) removes it. */
  void putSilence(String id, Silence silence) {
    silences.put(id, silence);
  }

  /** Returns what holds back a notification of {@code alert} at {@code now}, or null. */
  Suppression suppression(EscalationAlert alert, Instant now) {
    Optional<Silence> silence = silences.silencing(alert, now);
    if (silence.isPresent()) {
      return new Suppression(
          DeliveryOutcome.SILENCED,
          "silenced by " + silence.get().getId() + " (" + silence.get().getCreatedBy() + ")");
    }
    Optional<EscalationAlert> source = inhibitor.inhibitor(alert, ledger.latestAlerts());
    return source
        .map(a -> new Suppression(DeliveryOutcome.INHIBITED, "inhibited by " + a.getAlertKey()))
        .orElse(null);
  }

  /** Keeps {@code alert} for its release to {@code sink}, unless a newer version is kept. */
  void hold(String sink, EscalationAlert alert) {
    held.computeIfAbsent(sink, k -> new LinkedHashMap<>())
        .merge(
            alert.getAlertKey(),
            alert,
            (old, now) -> old.getVersion() > now.getVersion() ? old : now);
    recount();
  }

  /** Drops what is kept for {@code sink} of {@code alert}'s key, up to its version. */
  void unhold(String sink, EscalationAlert alert) {
    Map<String, EscalationAlert> alerts = held.get(sink);
    if (alerts == null) {
      return;
    }
    EscalationAlert old = alerts.get(alert.getAlertKey());
    if (old != null && old.getVersion() <= alert.getVersion()) {
      alerts.remove(alert.getAlertKey());
      recount();
    }
  }

  /**
   * Removes and returns the held-back alerts that nothing holds back at {@code now}; drops those a
   * newer version or a final receipt made moot, and resolutions of alerts never notified.
   */
  List<Release> release(Instant now) {
    List<Release> released = new ArrayList<>();
    for (Map.Entry<String, Map<String, EscalationAlert>> entry : held.entrySet()) {
      String sink = entry.getKey();
      Iterator<EscalationAlert> it = entry.getValue().values().iterator();
      while (it.hasNext()) {
        EscalationAlert alert = it.next();
        EscalationAlert current = ledger.latest(alert.getAlertKey());
        // A newer version comes through the alerts consumer on its own.
        boolean superseded = current != null && current.getVersion() > alert.getVersion();
        if (superseded || ledger.isSettled(Notifier.idempotencyKey(alert, sink))) {
          it.remove();
          continue;
        }
        if (suppression(alert, now) != null) {
          continue;
        }
        it.remove();
        if (alert.getStatus() == AlertStatus.RESOLVED
            && ledger.lastDelivery(sink, alert.getAlertKey()) == null) {
          // The receiver never heard that it fired: nothing to resolve.
          continue;
        }
        released.add(new Release(sink, alert));
      }
    }
    recount();
    return released;
  }

  /** Forgets what is held back for {@code alertKeys}, on every sink. */
  void forget(Collection<String> alertKeys) {
    for (String alertKey : alertKeys) {
      held.values().forEach(alerts -> alerts.remove(alertKey));
    }
    recount();
  }

  private void recount() {
    heldCount.set(held.values().stream().mapToInt(Map::size).sum());
  }
}
