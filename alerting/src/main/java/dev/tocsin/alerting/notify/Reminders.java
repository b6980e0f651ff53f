package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Remembers, per sink, the firing alert version each receiver last got and when, and answers which
 * are due to be notified again: a still-firing alert is re-notified once its repeat interval has
 * passed since its last notification, not more often. A plain-Java schedule over an injected time.
 */
final class Reminders {

  /**
   * The last notification of one alert to one sink; {@code repeats} counts the re-notifications.
   */
  record Entry(String sink, EscalationAlert alert, Instant lastAt, int repeats) {}

  private final Map<String, Map<String, Entry>> bySink = new HashMap<>();

  /**
   * Records that {@code sink} got {@code alert} at {@code at}, as its {@code repeats}-th
   * re-notification (0 for the version's first); a resolved alert is forgotten.
   */
  void delivered(String sink, EscalationAlert alert, Instant at, int repeats) {
    if (alert.getStatus() == AlertStatus.RESOLVED) {
      forget(sink, alert.getAlertKey());
      return;
    }
    Map<String, Entry> entries = bySink.computeIfAbsent(sink, k -> new HashMap<>());
    Entry old = entries.get(alert.getAlertKey());
    if (old == null
        || old.alert().getVersion() < alert.getVersion()
        || (old.alert().getVersion() == alert.getVersion() && !old.lastAt().isAfter(at))) {
      entries.put(alert.getAlertKey(), new Entry(sink, alert, at, repeats));
    }
  }

  /** Forgets {@code alertKey} for {@code sink}. */
  void forget(String sink, String alertKey) {
    Map<String, Entry> entries = bySink.get(sink);
    if (entries != null) {
      entries.remove(alertKey);
    }
  }

  /** Forgets {@code alertKey} for every sink. */
  void forget(String alertKey) {
    bySink.values().forEach(entries -> entries.remove(alertKey));
  }

  /**
   * Returns the entries whose repeat interval ({@code interval} of sink and alert) has passed at
   * {@code now}; they stay due until {@link #delivered} or {@link #postpone} moves them.
   */
  List<Entry> due(Instant now, BiFunction<String, EscalationAlert, Duration> interval) {
    List<Entry> due = new ArrayList<>();
    for (Map<String, Entry> entries : bySink.values()) {
      for (Entry e : entries.values()) {
        if (!now.isBefore(e.lastAt().plus(interval.apply(e.sink(), e.alert())))) {
          due.add(e);
        }
      }
    }
    return due;
  }

  /** Counts the next interval of {@code entry} from {@code now}, keeping its repeat count. */
  void postpone(Entry entry, Instant now) {
    Map<String, Entry> entries = bySink.get(entry.sink());
    if (entries != null && entries.get(entry.alert().getAlertKey()) == entry) {
      entries.put(
          entry.alert().getAlertKey(),
          new Entry(entry.sink(), entry.alert(), now, entry.repeats()));
    }
  }

  /** Returns the entry of {@code alertKey} for {@code sink}, or null. */
  Entry get(String sink, String alertKey) {
    Map<String, Entry> entries = bySink.get(sink);
    return entries == null ? null : entries.get(alertKey);
  }

  /** Returns how many alerts are remembered, over all sinks. */
  int size() {
    return bySink.values().stream().mapToInt(Map::size).sum();
  }
}
