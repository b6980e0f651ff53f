package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what is delivered when: each partition's records in order, the releases of held-back
 * alerts and the repeats of firing ones, and the state taken over or dropped with a partition.
 */
final class DeliveryCoordinator {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryCoordinator.class);
  // How often held-back alerts are checked for release and firing alerts for repeats.
  private static final Duration HOUSEKEEPING = Duration.ofMillis(500);

  private final NotifierParts parts;
  private final Dispatcher dispatcher;
  private final BooleanSupplier running;
  private Instant nextHousekeeping = Instant.MIN;

  DeliveryCoordinator(NotifierParts parts, Dispatcher dispatcher, BooleanSupplier running) {
    this.parts = parts;
    this.dispatcher = dispatcher;
    this.running = running;
  }

  /** Queues one record of the alerts topic for the sinks its routes name and that still owe it. */
  void accept(ConsumerRecord<String, byte[]> record) {
    Instant now = parts.clock().instant();
    EscalationAlert alert;
    try {
      alert =
          parts
              .topics()
              .alerts()
              .valueSerde()
              .deserializer()
              .deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      parts.outbox().deadLetter(record, "notify.decode", e.toString(), e.getClass().getName(), now);
      parts.queues().add(new Pending(record, null, 0));
      return;
    }
    parts.ledger().noteLatest(alert, record.partition());
    Pending p = new Pending(record, alert, 0);
    for (String sink : parts.router().sinksFor(alert)) {
      String key = Notifier.idempotencyKey(alert, sink);
      if (alert.getStatus() == AlertStatus.RESOLVED) {
        parts.reminders().forget(sink, alert.getAlertKey());
      }
      if (parts.ledger().isSettled(key)) {
        LOG.debug("Already delivered {}; not sending again", key);
        continue;
      }
      parts.holdBack().unhold(sink, alert);
      p.open.put(sink, new Attempts(now));
      if (alert.getStatus() == AlertStatus.RESOLVED) {
        parts.resender().resolved(sink, alert.getAlertKey());
      }
    }
    parts.queues().add(p);
  }

  /**
   * Attempts what is due: each partition's head, and with grouping the records behind it that can
   * join a group; then the releases and repeats, then the groups; then queues the offsets settled.
   */
  void deliverDue() {
    dispatcher.startPass();
    boolean grouping = parts.groups().enabled();
    for (ArrayDeque<Pending> queue : parts.queues().partitions()) {
      boolean head = true;
      Set<SinkAndKey> earlier = new HashSet<>();
      for (Pending p : List.copyOf(queue)) {
        if (!running.getAsBoolean()) {
          break;
        }
        if (head) {
          dispatcher.attemptDue(p);
        } else if (p.alert != null) {
          dispatcher.enlistBehindHead(p, earlier);
        }
        if (!p.open.isEmpty()) {
          head = false;
          if (!grouping) {
            break;
          }
          p.open.keySet().forEach(sink -> earlier.add(new SinkAndKey(sink, p.alert.getAlertKey())));
        }
      }
    }
    // Releases and repeats are bound to no offset: each goes its own way.
    for (Pending p : parts.queues().unbound()) {
      if (!running.getAsBoolean()) {
        break;
      }
      dispatcher.attemptDue(p);
    }
    dispatcher.flushGroups();
    parts.queues().advance(parts.outbox());
  }

  /** Every half second, queues the held-back alerts released and the repeats due. */
  void housekeeping() {
    Instant now = parts.clock().instant();
    if (now.isBefore(nextHousekeeping)) {
      return;
    }
    nextHousekeeping = now.plus(HOUSEKEEPING);
    for (HoldBack.Release release : parts.holdBack().release(now)) {
      queueUnbound(new Pending(null, release.alert(), 0), release.sink(), now);
      parts.meters().counter("tocsin.notifier.released", "sink", release.sink()).increment();
      LOG.info(
          "Releasing held-back {} to {}",
          Notifier.idempotencyKey(release.alert(), release.sink()),
          release.sink());
    }
    remind(now);
  }

  /** Queues again the firing alerts whose repeat interval has passed. */
  private void remind(Instant now) {
    Reminders reminders = parts.reminders();
    for (Reminders.Entry due :
        reminders.due(
            now,
            (sink, alert) ->
                parts.router().repeatInterval(alert, sink, parts.settings().repeatInterval()))) {
      EscalationAlert current = parts.ledger().latest(due.alert().getAlertKey());
      if (current != null
          && (current.getVersion() > due.alert().getVersion()
              || current.getStatus() == AlertStatus.RESOLVED)) {
        // The newer version is notified, or resolves it, through the alerts consumer.
        continue;
      }
      if (parts.holdBack().suppression(due.alert(), now) != null) {
        continue;
      }
      reminders.postpone(due, now);
      queueUnbound(new Pending(null, due.alert(), due.repeats() + 1), due.sink(), now);
      parts.meters().counter("tocsin.notifier.repeats", "sink", due.sink()).increment();
    }
  }

  private void queueUnbound(Pending p, String sink, Instant now) {
    p.open.put(sink, new Attempts(now));
    parts.queues().addUnbound(p);
  }

  /**
   * Takes over what is held back and what was last notified for the alerts of newly assigned
   * partitions of the alerts topic, from the receipts every instance writes.
   */
  void adopt(Set<Integer> partitions) {
    for (EscalationAlert alert : parts.ledger().latestOn(partitions)) {
      for (String sink : parts.router().sinksFor(alert)) {
        if (parts.ledger().isHeldBack(Notifier.idempotencyKey(alert, sink))) {
          parts.holdBack().hold(sink, alert);
        }
        DeliveryLedger.LastDelivery last = parts.ledger().lastDelivery(sink, alert.getAlertKey());
        // Alertmanager gets firing alerts re-posted every resend interval and repeats on its own.
        if (!parts.resender().resends(sink)
            && last != null
            && last.version() == alert.getVersion()) {
          parts.reminders().delivered(sink, alert, last.at(), last.count() - 1);
        }
      }
    }
  }

  /** Forgets the records, offsets, held-back alerts and schedules of partitions no longer owned. */
  void revoke(Collection<TopicPartition> partitions) {
    parts.groups().forget(p -> p.record != null && partitions.contains(p.partition()));
    Set<Integer> gone = new HashSet<>();
    for (TopicPartition tp : partitions) {
      parts.queues().forget(tp);
      parts.outbox().forget(tp);
      if (tp.topic().equals(parts.topics().alerts().name())) {
        gone.add(tp.partition());
      }
    }
    List<String> alertKeys = parts.ledger().alertKeysOn(gone);
    alertKeys.forEach(parts.reminders()::forget);
    parts.holdBack().forget(alertKeys);
    parts.queues().removeUnbound(p -> parts.ledger().isOn(p.alert.getAlertKey(), gone));
    parts
        .groups()
        .forget(p -> p.record == null && parts.ledger().isOn(p.alert.getAlertKey(), gone));
  }
}
