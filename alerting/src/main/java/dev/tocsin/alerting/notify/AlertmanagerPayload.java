package dev.tocsin.alerting.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders alerts for Alertmanager's {@code POST /api/v2/alerts}: labels identify the alert,
 * annotations explain it; a firing alert's {@code endsAt} lies a few resend intervals ahead so it
 * resolves by itself if Tocsin stops re-posting it, a resolved one's is now.
 */
public final class AlertmanagerPayload {

  /** The {@code alertname} label of every Tocsin alert. */
  public static final String ALERT_NAME = "TocsinEscalation";

  // Alertmanager's own rule of thumb: an alert not refreshed within a few intervals is stale.
  private static final int ENDS_AFTER_INTERVALS = 4;

  private AlertmanagerPayload() {}

  /** Returns the JSON array body for {@code alerts}, as of {@code now}. */
  public static String body(Collection<EscalationAlert> alerts, Instant now, Duration resend) {
    ArrayNode array = AlertJson.MAPPER.createArrayNode();
    for (EscalationAlert alert : alerts) {
      array.add(alert(alert, now, resend));
    }
    return AlertJson.write(array);
  }

  static ObjectNode alert(EscalationAlert alert, Instant now, Duration resend) {
    ObjectNode node = AlertJson.MAPPER.createObjectNode();
    ObjectNode labels = node.putObject("labels");
    alert.getLabels().forEach((name, value) -> labels.put(labelName(name), value));
    labels.put("alertname", ALERT_NAME);
    labels.put("alert_key", alert.getAlertKey());
    labels.put("level", alert.getLevel().name().toLowerCase(Locale.ROOT));
    labels.put("kind", alert.getKind().name().toLowerCase(Locale.ROOT));
    labels.put("profile", alert.getProfile());
    ObjectNode annotations = node.putObject("annotations");
    annotations.put("title", alert.getTitle());
    annotations.put("summary", alert.getSummary());
    annotations.put("score", String.format(Locale.ROOT, "%.2f", alert.getScore()));
    annotations.put("version", Integer.toString(alert.getVersion()));
    annotations.put(
        "reasons",
        alert.getReasons().stream()
            .map(r -> r.getCode() + ": " + r.getDetail())
            .collect(Collectors.joining("\n")));
    annotations.put("evidence", String.join("\n", alert.getEvidence().getLinks()));
    annotations.put("outlets", String.join(", ", alert.getEvidence().getOutlets()));
    if (alert.getEventType() != null) {
      annotations.put("event_type", alert.getEventType());
    }
    if (alert.getCameoCode() != null) {
      annotations.put("cameo_code", alert.getCameoCode());
    }
    if (alert.getGoldstein() != null) {
      annotations.put("goldstein", Double.toString(alert.getGoldstein()));
    }
    if (!alert.getActors().isEmpty()) {
      annotations.put("actors", String.join(" -> ", alert.getActors()));
    }
    if (alert.getRunbookUrl() != null) {
      annotations.put("runbook_url", alert.getRunbookUrl());
    }
    String surge = AlertJson.surgeLine(alert);
    if (surge != null) {
      annotations.put("surge", surge);
    }
    node.put("startsAt", alert.getFiredAt().toString());
    Instant ends =
        alert.getStatus() == AlertStatus.RESOLVED
            ? now
            : now.plus(resend.multipliedBy(ENDS_AFTER_INTERVALS));
    node.put("endsAt", ends.toString());
    alert.getEvidence().getLinks().stream()
        .filter(AlertmanagerPayload::absoluteHttp)
        .findFirst()
        .ifPresent(link -> node.put("generatorURL", link));
    return node;
  }

  /** Returns {@code name} as a valid Prometheus label name: [a-zA-Z_][a-zA-Z0-9_]*. */
  static String labelName(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9_]", "_");
    return cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
  }

  private static boolean absoluteHttp(String link) {
    try {
      URI uri = URI.create(link);
      return uri.getScheme() != null && uri.getScheme().startsWith("http");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
