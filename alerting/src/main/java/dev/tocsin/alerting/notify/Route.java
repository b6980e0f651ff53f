package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sends alerts at or above a level, of some event types and with some labels, to named sinks.
 *
 * @param minLevel lowest level that matches
 * @param eventTypes event types that match; empty matches any, including none
 * @param labels labels an alert must carry with these exact values; empty matches any
 * @param sinks names of the sinks matching alerts go to
 * @param repeatInterval how long a still-firing alert waits before it is notified again through
 *     this route's sinks; null for the notifier's default
 */
public record Route(
    AlertLevel minLevel,
    Set<String> eventTypes,
    Map<String, String> labels,
    List<String> sinks,
    Duration repeatInterval) {

  /** Validates and copies the route. */
  public Route {
    minLevel = minLevel == null ? AlertLevel.INFO : minLevel;
    eventTypes = Set.copyOf(eventTypes == null ? Set.of() : eventTypes);
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    sinks = List.copyOf(Objects.requireNonNull(sinks, "sinks"));
    if (sinks.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one sink");
    }
    if (repeatInterval != null && (repeatInterval.isNegative() || repeatInterval.isZero())) {
      throw new IllegalArgumentException("repeatInterval must be positive: " + repeatInterval);
    }
  }

  /** Returns a route with the notifier's default repeat interval. */
  public Route(
      AlertLevel minLevel, Set<String> eventTypes, Map<String, String> labels, List<String> sinks) {
    this(minLevel, eventTypes, labels, sinks, null);
  }

  /** Returns a route that sends every alert to {@code sinks}. */
  public static Route all(String... sinks) {
    return new Route(AlertLevel.INFO, Set.of(), Map.of(), List.of(sinks));
  }

  /** Returns whether {@code alert} matches this route. */
  public boolean matches(EscalationAlert alert) {
    if (alert.getLevel().ordinal() < minLevel.ordinal()) {
      return false;
    }
    if (!eventTypes.isEmpty()
        && (alert.getEventType() == null || !eventTypes.contains(alert.getEventType()))) {
      return false;
    }
    Map<String, String> actual = alert.getLabels();
    for (Map.Entry<String, String> wanted : labels.entrySet()) {
      if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
