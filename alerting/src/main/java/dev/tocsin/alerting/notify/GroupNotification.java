package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One notification carrying a group of related alerts.
 *
 * @param groupKey the group's key, e.g. {@code {profile="rus-dprk",eventType="x"}}
 * @param groupLabels the values the alerts share
 * @param alerts the alert versions notified, in arrival order
 * @param alertKeys the receiver-facing key of each alert ({@code alertKey:version}, with {@code
 *     :repeat-N} for a repeat), in the same order
 * @param idempotencyKey stable for the same group and the same alert versions, so that a
 *     notification sent again after a crash carries the same key
 */
public record GroupNotification(
    String groupKey,
    Map<String, String> groupLabels,
    List<EscalationAlert> alerts,
    List<String> alertKeys,
    String idempotencyKey) {

  /** Validates and copies the notification. */
  public GroupNotification {
    Objects.requireNonNull(groupKey, "groupKey");
    groupLabels = Map.copyOf(groupLabels);
    alerts = List.copyOf(alerts);
    alertKeys = List.copyOf(alertKeys);
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (alerts.isEmpty() || alerts.size() != alertKeys.size()) {
      throw new IllegalArgumentException("a group notification needs one key per alert");
    }
  }
}
