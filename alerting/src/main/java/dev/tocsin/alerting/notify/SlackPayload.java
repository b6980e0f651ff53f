package dev.tocsin.alerting.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.util.List;
import java.util.Locale;

/** Renders an alert in Slack's incoming-webhook format: a text fallback plus Block Kit blocks. */
public final class SlackPayload {

  // Slack caps header text at 150 characters and section text at 3000.
  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;
  private static final int LINKS_SHOWN = 5;

  private SlackPayload() {}

  /** Returns the JSON body to POST to an incoming webhook. */
  public static String body(EscalationAlert alert) {
    ObjectNode root = AlertJson.MAPPER.createObjectNode();
    String headline = headline(alert);
    root.put("text", headline + "\n" + alert.getSummary());
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", truncate(headline, HEADER_MAX));
    blocks
        .addObject()
        .put("type", "section")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", truncate(escape(alert.getSummary()), SECTION_MAX));
    ObjectNode facts = blocks.addObject().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    field(fields, "Level", alert.getLevel().name());
    field(fields, "Score", String.format(Locale.ROOT, "%.2f", alert.getScore()));
    if (alert.getEventType() != null) {
      field(
          fields,
          "Event",
          alert.getEventType()
              + (alert.getCameoCode() == null ? "" : " (CAMEO " + alert.getCameoCode() + ")")
              + (alert.getGoldstein() == null
                  ? ""
                  : String.format(Locale.ROOT, ", Goldstein %.1f", alert.getGoldstein())));
    }
    if (!alert.getActors().isEmpty()) {
      field(fields, "Actors", String.join(" → ", alert.getActors()));
    }
    field(
        fields,
        "Sources",
        alert.getEvidence().getIndependentSources()
            + " independent: "
            + String.join(", ", alert.getEvidence().getOutlets()));
    String surge = AlertJson.surgeLine(alert);
    if (surge != null) {
      field(fields, "Surge", surge);
    }
    field(fields, "Alert", alert.getAlertKey() + " v" + alert.getVersion());
    List<String> links = alert.getEvidence().getLinks();
    StringBuilder context = new StringBuilder();
    links.stream()
        .limit(LINKS_SHOWN)
        .forEach(
            link -> context.append("<").append(link).append("|").append(host(link)).append("> "));
    if (alert.getRunbookUrl() != null) {
      context.append("<").append(alert.getRunbookUrl()).append("|runbook>");
    }
    if (!context.isEmpty()) {
      blocks
          .addObject()
          .put("type", "context")
          .putArray("elements")
          .addObject()
          .put("type", "mrkdwn")
          .put("text", truncate(context.toString().strip(), SECTION_MAX));
    }
    return AlertJson.write(root);
  }

  /**
   * Returns one message listing every alert of a group: a header naming the group, then one section
   * per alert (headline, summary, first evidence link).
   */
  public static String groupBody(GroupNotification group) {
    ObjectNode root = AlertJson.MAPPER.createObjectNode();
    String title = group.alerts().size() + " Tocsin alerts " + group.groupKey();
    StringBuilder text = new StringBuilder(title);
    group.alerts().forEach(a -> text.append("\n").append(headline(a)));
    root.put("text", truncate(text.toString(), SECTION_MAX));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", truncate(title, HEADER_MAX));
    // Slack allows 50 blocks a message: the header and at most 45 alerts, then a count.
    int shown = Math.min(group.alerts().size(), 45);
    for (int i = 0; i < shown; i++) {
      EscalationAlert alert = group.alerts().get(i);
      StringBuilder section =
          new StringBuilder("*")
              .append(escape(headline(alert)))
              .append("*\n")
              .append(escape(alert.getSummary()));
      List<String> links = alert.getEvidence().getLinks();
      if (!links.isEmpty()) {
        section.append("\n<").append(links.get(0)).append("|").append(host(links.get(0)));
        section.append(">");
      }
      section.append("\n").append(escape(group.alertKeys().get(i)));
      blocks
          .addObject()
          .put("type", "section")
          .putObject("text")
          .put("type", "mrkdwn")
          .put("text", truncate(section.toString(), SECTION_MAX));
    }
    if (shown < group.alerts().size()) {
      blocks
          .addObject()
          .put("type", "context")
          .putArray("elements")
          .addObject()
          .put("type", "mrkdwn")
          .put("text", "and " + (group.alerts().size() - shown) + " more");
    }
    return AlertJson.write(root);
  }

  static String headline(EscalationAlert alert) {
    String state = alert.getStatus() == AlertStatus.RESOLVED ? "RESOLVED" : alert.getLevel().name();
    return "[" + state + "] " + alert.getTitle();
  }

  private static void field(ArrayNode fields, String label, String value) {
    fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + escape(value));
  }

  // Slack's mrkdwn treats &, < and > as control characters.
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String host(String link) {
    try {
      String host = java.net.URI.create(link).getHost();
      return host == null ? link : host;
    } catch (IllegalArgumentException e) {
      return link;
    }
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
