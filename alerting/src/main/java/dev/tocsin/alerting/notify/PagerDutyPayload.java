package dev.tocsin.alerting.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;

/**
 * Renders an alert as a PagerDuty Events API v2 event: {@code trigger} while it fires (an update
 * triggers again under the same {@code dedup_key}), {@code resolve} when it resolves.
 */
public final class PagerDutyPayload {

  /** PagerDuty truncates summaries at 1024 characters; we do it ourselves. */
  static final int SUMMARY_MAX = 1024;

  private static final int LINKS_SHOWN = 10;

  private PagerDutyPayload() {}

  /** Returns the event body for {@code alert}. */
  public static String body(EscalationAlert alert, String routingKey) {
    ObjectNode event = AlertJson.MAPPER.createObjectNode();
    event.put("routing_key", routingKey);
    event.put("dedup_key", alert.getAlertKey());
    if (alert.getStatus() == AlertStatus.RESOLVED) {
      event.put("event_action", "resolve");
      return AlertJson.write(event);
    }
    event.put("event_action", "trigger");
    event.put("client", "Tocsin");
    if (alert.getRunbookUrl() != null) {
      event.put("client_url", alert.getRunbookUrl());
    }
    ObjectNode payload = event.putObject("payload");
    String summary = SlackPayload.headline(alert) + " — " + alert.getSummary();
    payload.put(
        "summary", summary.length() <= SUMMARY_MAX ? summary : summary.substring(0, SUMMARY_MAX));
    payload.put("source", "tocsin/" + alert.getProfile());
    payload.put("severity", severity(alert));
    payload.put("timestamp", alert.getUpdatedAt().toString());
    if (alert.getEventType() != null) {
      payload.put("component", alert.getEventType());
    }
    payload.put("group", alert.getProfile());
    payload.put("class", alert.getKind().name().toLowerCase(java.util.Locale.ROOT));
    payload.set("custom_details", AlertJson.toJson(alert));
    ArrayNode links = event.putArray("links");
    alert.getEvidence().getLinks().stream()
        .limit(LINKS_SHOWN)
        .forEach(link -> links.addObject().put("href", link).put("text", link));
    if (alert.getRunbookUrl() != null) {
      links.addObject().put("href", alert.getRunbookUrl()).put("text", "Runbook");
    }
    return AlertJson.write(event);
  }

  /** Maps the alert level to PagerDuty's severities: critical, error, warning, info. */
  static String severity(EscalationAlert alert) {
    return switch (alert.getLevel()) {
      case CRITICAL -> "critical";
      case HIGH -> "error";
      case ELEVATED -> "warning";
      case INFO, UNKNOWN -> "info";
    };
  }
}
