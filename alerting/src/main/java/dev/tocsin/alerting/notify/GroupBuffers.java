package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Buffers related alerts per sink and group key until their group is due as one notification. */
final class GroupBuffers {

  /** Related alerts on their way to one sink in one notification. */
  static final class Group {
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

    /** Returns whether the group's wait and its next attempt time have passed at {@code now}. */
    boolean isDue(Instant now) {
      return !now.isBefore(flushAt) && !now.isBefore(attempts.nextAt);
    }

    /** Empties the group after its notification was settled, for good or not, at {@code now}. */
    void settled(Instant now) {
      members.clear();
      lastFlushAt = now;
    }

    /**
     * Returns the notification of the members; its key hashes the members' keys, so the same alert
     * versions sent again after a crash carry the same key.
     */
    GroupNotification notification() {
      List<EscalationAlert> alerts = new ArrayList<>();
      List<String> alertKeys = new ArrayList<>();
      List<String> memberKeys = new ArrayList<>();
      for (Pending m : members) {
        alerts.add(m.alert);
        String memberKey = m.key(sink);
        alertKeys.add(WebhookSink.alertVersionKey(m.alert) + Notifier.repeatSuffix(memberKey));
        memberKeys.add(memberKey);
      }
      memberKeys.sort(null);
      String digest;
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256")
                .digest(
                    (key + "\n" + String.join("\n", memberKeys)).getBytes(StandardCharsets.UTF_8));
        digest = HexFormat.of().formatHex(hash, 0, 12);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
      return new GroupNotification(key, labels, alerts, alertKeys, "group:" + sink + ":" + digest);
    }
  }

  private final Grouping grouping;
  private final Map<String, Sink> sinks;
  private final Map<SinkAndKey, Group> groups = new LinkedHashMap<>();

  GroupBuffers(Grouping grouping, Map<String, Sink> sinks) {
    this.grouping = grouping;
    this.sinks = sinks;
  }

  /** Returns whether grouping is on at all. */
  boolean enabled() {
    return grouping.enabled();
  }

  /** Returns whether deliveries to {@code sink} go through a group. */
  boolean grouped(String sink) {
    return grouping.enabled() && sinks.get(sink).groups();
  }

  /**
   * Puts the delivery of {@code p} to {@code sink} in its group, unless an earlier version of the
   * same alert waits there already: then it stays out, for the next notification.
   */
  void enlist(Pending p, String sink, Attempts attempts, Instant now) {
    String key = grouping.key(p.alert);
    Group g =
        groups.computeIfAbsent(
            new SinkAndKey(sink, key), k -> new Group(sink, key, grouping.labels(p.alert)));
    for (Pending member : g.members) {
      if (member.alert.getAlertKey().equals(p.alert.getAlertKey())) {
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

  /** Returns the groups in the order they were made. */
  List<Group> all() {
    return List.copyOf(groups.values());
  }

  /**
   * Returns whether {@code g} has no members; it is forgotten once it was idle for longer than the
   * group interval, so that its next alert waits the group wait again.
   */
  boolean isIdle(Group g, Instant now) {
    if (!g.members.isEmpty()) {
      return false;
    }
    if (g.lastFlushAt == null || !now.isBefore(g.lastFlushAt.plus(grouping.groupInterval()))) {
      groups.remove(new SinkAndKey(g.sink, g.key));
    }
    return true;
  }

  /** Takes the members that match {@code gone} out of every group. */
  void forget(Predicate<Pending> gone) {
    for (Group g : groups.values()) {
      g.members.removeIf(gone);
    }
  }
}
