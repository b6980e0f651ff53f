package dev.tocsin.alerting.notify;

import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Groups related alerts into one notification, as Alertmanager's route grouping does: alerts with
 * the same values of {@code groupBy} (fields or labels, as matchers name them) go to a sink in one
 * notification. The first one of a new group is sent {@code groupWait} after its first alert
 * arrived, so that its relatives can join; alerts joining a group that was notified wait until
 * {@code groupInterval} after that notification. An empty {@code groupBy} sends each alert on its
 * own.
 *
 * @param groupBy field or label names whose values make the group
 * @param groupWait how long a new group collects alerts before its first notification
 * @param groupInterval how long a notified group waits before it notifies about alerts added to it
 */
public record Grouping(List<String> groupBy, Duration groupWait, Duration groupInterval) {

  /** Validates and copies the grouping. */
  public Grouping {
    groupBy = List.copyOf(Objects.requireNonNull(groupBy, "groupBy"));
    groupWait = groupWait == null ? Duration.ofSeconds(30) : groupWait;
    groupInterval = groupInterval == null ? Duration.ofMinutes(5) : groupInterval;
    if (groupWait.isNegative()) {
      throw new IllegalArgumentException("groupWait must not be negative: " + groupWait);
    }
    if (groupInterval.isNegative()) {
      throw new IllegalArgumentException("groupInterval must not be negative: " + groupInterval);
    }
  }

  /** Returns the default: by profile and event type, 30 s wait, 5 min interval. */
  public static Grouping defaults() {
    return new Grouping(List.of("profile", "eventType"), null, null);
  }

  /** Returns no grouping: every alert version is a notification of its own. */
  public static Grouping none() {
    return new Grouping(List.of(), Duration.ZERO, Duration.ZERO);
  }

  /** Returns whether alerts are grouped at all. */
  public boolean enabled() {
    return !groupBy.isEmpty();
  }

  /**
   * Returns when a group that gets its first pending alert at {@code now} is notified: {@code
   * groupInterval} after its last notification ({@code lastNotified}, null for never), or, for a
   * new group or one idle for longer than that, {@code groupWait} from now.
   */
  public Instant notifyAt(Instant lastNotified, Instant now) {
    Instant next = lastNotified == null ? null : lastNotified.plus(groupInterval);
    return next == null || !next.isAfter(now) ? now.plus(groupWait) : next;
  }

  /** Returns the values of {@code groupBy} for {@code alert}, absent ones as "". */
  public Map<String, String> labels(EscalationAlert alert) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String name : groupBy) {
      String value = AlertMatcher.valueOf(alert, name);
      labels.put(name, value == null ? "" : value);
    }
    return labels;
  }

  /** Returns the group key of {@code alert}, e.g. {@code {profile="rus-dprk",eventType="x"}}. */
  public String key(EscalationAlert alert) {
    return labels(alert).entrySet().stream()
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }
}
