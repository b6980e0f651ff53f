package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Surge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadFormatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void shouldSignBodyWithHmacSha256WhenSecretIsShared() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
    String signature = WebhookSigner.sign("Jefe", body);
    assertThat(signature)
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(WebhookSigner.verify("Jefe", body, signature)).isTrue();
    assertThat(WebhookSigner.verify("other", body, signature)).isFalse();
    assertThat(WebhookSigner.verify("Jefe", "tampered".getBytes(StandardCharsets.UTF_8), signature))
        .isFalse();
    assertThat(WebhookSigner.verify("Jefe", body, "sha1=zz")).isFalse();
  }

  @Test
  void shouldCarryEveryAlertFieldWhenRenderingWebhookBody() throws Exception {
    EscalationAlert alert = alert("cl-42", 3, AlertStatus.UPDATED, AlertLevel.HIGH);
    JsonNode body = JSON.readTree(AlertJson.webhookBody(alert, "cl-42:3"));

    assertThat(body.get("alertKey").asText()).isEqualTo("cl-42");
    assertThat(body.get("version").asInt()).isEqualTo(3);
    assertThat(body.get("status").asText()).isEqualTo("UPDATED");
    assertThat(body.get("level").asText()).isEqualTo("HIGH");
    assertThat(body.get("score").asDouble()).isEqualTo(7.25);
    assertThat(body.get("reasons").get(0).get("code").asText()).isEqualTo("event:troop-deployment");
    assertThat(body.get("cameoCode").asText()).isEqualTo("1312");
    assertThat(body.get("goldstein").asDouble()).isEqualTo(-7.0);
    assertThat(body.get("actors").toString()).isEqualTo("[\"PRK\",\"RUS\"]");
    assertThat(body.get("evidence").get("links")).hasSize(2);
    assertThat(body.get("evidence").get("independentSources").asInt()).isEqualTo(2);
    assertThat(body.get("evidence").get("lastSeen").asText()).isEqualTo("2026-11-20T08:00:00Z");
    assertThat(body.get("surge").isNull()).isTrue();
    assertThat(body.get("runbookUrl").asText()).startsWith("https://runbooks.");
    assertThat(body.get("firedAt").asText()).isEqualTo("2026-11-20T08:00:00Z");
    assertThat(body.get("idempotencyKey").asText()).isEqualTo("cl-42:3");
  }

  @Test
  void shouldRenderSlackBlocksWithEscapedTextWhenAlertFires() throws Exception {
    JsonNode body =
        JSON.readTree(SlackPayload.body(alert("k", 1, AlertStatus.FIRING, AlertLevel.CRITICAL)));

    assertThat(body.get("text").asText()).startsWith("[CRITICAL] North Korean troops");
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
    assertThat(blocks.get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(2).get("fields").toString())
        .contains("*Level*\\nCRITICAL", "CAMEO 1312", "Goldstein -7.0", "PRK → RUS");
    assertThat(blocks.get(3).get("type").asText()).isEqualTo("context");
    assertThat(blocks.get(3).get("elements").get(0).get("text").asText())
        .contains("<https://news.example.org/a/kursk-dprk|news.example.org>", "|runbook>");
  }

  @Test
  void shouldMarkSlackMessageResolvedWhenAlertResolves() throws Exception {
    JsonNode body =
        JSON.readTree(SlackPayload.body(alert("k", 4, AlertStatus.RESOLVED, AlertLevel.HIGH)));
    assertThat(body.get("blocks").get(0).get("text").get("text").asText())
        .startsWith("[RESOLVED] ");
  }

  @Test
  void shouldTriggerPagerDutyWithDedupKeyWhenAlertFires() throws Exception {
    JsonNode event =
        JSON.readTree(
            PagerDutyPayload.body(alert("cl-7", 2, AlertStatus.UPDATED, AlertLevel.HIGH), "R0UT"));

    assertThat(event.get("routing_key").asText()).isEqualTo("R0UT");
    assertThat(event.get("event_action").asText()).isEqualTo("trigger");
    assertThat(event.get("dedup_key").asText()).isEqualTo("cl-7");
    JsonNode payload = event.get("payload");
    assertThat(payload.get("severity").asText()).isEqualTo("error");
    assertThat(payload.get("source").asText()).isEqualTo("tocsin/rus-dprk");
    assertThat(payload.get("summary").asText().length())
        .isLessThanOrEqualTo(PagerDutyPayload.SUMMARY_MAX);
    assertThat(payload.get("timestamp").asText()).isEqualTo("2026-11-20T08:02:00Z");
    assertThat(payload.get("custom_details").get("evidence").get("outlets")).hasSize(2);
    assertThat(event.get("links").get(0).get("href").asText())
        .isEqualTo("https://news.example.org/a/kursk-dprk");
  }

  @Test
  void shouldCutPagerDutySummaryWhenItIsLong() throws Exception {
    EscalationAlert alert =
        TestAlerts.builder("cl-7", 1, AlertStatus.FIRING, AlertLevel.CRITICAL)
            .setSummary("x".repeat(3000))
            .build();
    JsonNode event = JSON.readTree(PagerDutyPayload.body(alert, "R"));
    assertThat(event.get("payload").get("summary").asText()).hasSize(1024);
    assertThat(event.get("payload").get("severity").asText()).isEqualTo("critical");
  }

  @Test
  void shouldResolvePagerDutyIncidentWhenAlertResolves() throws Exception {
    JsonNode event =
        JSON.readTree(
            PagerDutyPayload.body(alert("cl-7", 5, AlertStatus.RESOLVED, AlertLevel.HIGH), "R"));
    assertThat(event.get("event_action").asText()).isEqualTo("resolve");
    assertThat(event.get("dedup_key").asText()).isEqualTo("cl-7");
    assertThat(event.has("payload")).isFalse();
  }

  @Test
  void shouldPostLabelsAndFutureEndWhenAlertFires() throws Exception {
    EscalationAlert alert = alert("cl-9", 1, AlertStatus.FIRING, AlertLevel.ELEVATED);
    alert.getLabels().put("actors", "PRK->RUS");
    alert.getLabels().put("9bad-name", "x");
    JsonNode body =
        JSON.readTree(AlertmanagerPayload.body(List.of(alert), NOW, Duration.ofMinutes(1)));

    assertThat(body.isArray()).isTrue();
    JsonNode am = body.get(0);
    assertThat(am.get("labels").get("alertname").asText()).isEqualTo("TocsinEscalation");
    assertThat(am.get("labels").get("alert_key").asText()).isEqualTo("cl-9");
    assertThat(am.get("labels").get("level").asText()).isEqualTo("elevated");
    assertThat(am.get("labels").get("eventType").asText()).isEqualTo("troop-deployment");
    assertThat(am.get("labels").get("actors").asText()).isEqualTo("PRK->RUS");
    assertThat(am.get("labels").has("_9bad_name")).isTrue();
    assertThat(am.get("annotations").get("summary").asText()).startsWith("Three outlets");
    assertThat(am.get("annotations").get("runbook_url").asText()).startsWith("https://");
    assertThat(am.get("startsAt").asText()).isEqualTo("2026-11-20T08:00:00Z");
    assertThat(am.get("endsAt").asText()).isEqualTo("2026-11-20T09:04:00Z");
    assertThat(am.get("generatorURL").asText()).isEqualTo("https://news.example.org/a/kursk-dprk");
  }

  @Test
  void shouldEndNowWhenAlertResolves() throws Exception {
    JsonNode am =
        JSON.readTree(
                AlertmanagerPayload.body(
                    List.of(alert("cl-9", 2, AlertStatus.RESOLVED, AlertLevel.ELEVATED)),
                    NOW,
                    Duration.ofMinutes(1)))
            .get(0);
    assertThat(am.get("endsAt").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void shouldShowWindowFiguresWhenAlertIsASurge() throws Exception {
    EscalationAlert surge =
        TestAlerts.builder("surge:event:troop-deployment", 1, AlertStatus.FIRING, AlertLevel.HIGH)
            .setKind(AlertKind.SURGE)
            .setSurge(
                Surge.newBuilder()
                    .setSeries("event:troop-deployment")
                    .setWindowStart(Instant.parse("2026-11-20T06:00:00Z"))
                    .setWindowEnd(Instant.parse("2026-11-20T07:00:00Z"))
                    .setCount(9)
                    .setBaselineMean(2.0)
                    .setBaselineStdDev(1.5)
                    .setThreshold(6.5)
                    .setMethod("sigma")
                    .build())
            .build();
    String line =
        "event:troop-deployment: 9 in 2026-11-20T06:00:00Z – 2026-11-20T07:00:00Z, threshold 6.5"
            + " (baseline 2.0 ± 1.5, sigma)";

    assertThat(AlertJson.surgeLine(surge)).isEqualTo(line);
    JsonNode am =
        JSON.readTree(AlertmanagerPayload.body(List.of(surge), NOW, Duration.ofMinutes(1))).get(0);
    assertThat(am.get("annotations").get("surge").asText()).isEqualTo(line);
    assertThat(am.get("labels").get("kind").asText()).isEqualTo("surge");
    assertThat(SlackPayload.body(surge)).contains("*Surge*");
    assertThat(EmailSink.text(surge)).contains("Surge: " + line);
    JsonNode webhook = JSON.readTree(AlertJson.webhookBody(surge, "k:1"));
    assertThat(webhook.get("surge").get("count").asLong()).isEqualTo(9);
    assertThat(webhook.get("surge").get("windowEnd").asText()).isEqualTo("2026-11-20T07:00:00Z");
    assertThat(AlertJson.surgeLine(alert("k", 1, AlertStatus.FIRING, AlertLevel.HIGH))).isNull();
  }

  @Test
  void shouldClassifyHttpStatusesWhenReceiverAnswers() {
    assertThat(DeliveryResult.ofHttpStatus(202, null, "").kind())
        .isEqualTo(DeliveryResult.Kind.DELIVERED);
    assertThat(DeliveryResult.ofHttpStatus(500, null, "boom").kind())
        .isEqualTo(DeliveryResult.Kind.RETRY);
    DeliveryResult limited = DeliveryResult.ofHttpStatus(429, Duration.ofSeconds(3), "");
    assertThat(limited.kind()).isEqualTo(DeliveryResult.Kind.RETRY);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    DeliveryResult rejected = DeliveryResult.ofHttpStatus(400, null, "{\"error\":\"bad key\"}");
    assertThat(rejected.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
    assertThat(rejected.error()).contains("400", "bad key");
  }

  @Test
  void shouldWriteEvidenceAndReasonsWhenMailingAlert() {
    String text = EmailSink.text(alert("cl-3", 2, AlertStatus.UPDATED, AlertLevel.HIGH));
    assertThat(text)
        .contains(
            "Level: HIGH (UPDATED)",
            "CAMEO 1312",
            "event:troop-deployment",
            "https://wire.example.com/dprk-troops",
            "Runbook: https://runbooks.example.org/tocsin/escalation",
            "Alert cl-3:2");
    assertThat(EmailSink.messageId(alert("cl/3", 2, AlertStatus.FIRING, AlertLevel.HIGH)))
        .isEqualTo("<cl_3.2@tocsin>");
  }

  @Test
  void shouldCarryEveryAlertOfAGroupInOneWebhookBodyAndSlackMessage() throws Exception {
    EscalationAlert a = alert("a", 1, AlertStatus.FIRING, AlertLevel.HIGH);
    EscalationAlert b = alert("b", 2, AlertStatus.RESOLVED, AlertLevel.ELEVATED);
    GroupNotification group =
        new GroupNotification(
            Grouping.defaults().key(a),
            Grouping.defaults().labels(a),
            List.of(a, b),
            List.of("a:1", "b:2"),
            "group:hook:abc");

    JsonNode body = JSON.readTree(AlertJson.webhookGroupBody(group));
    assertThat(body.get("groupKey").asText()).isEqualTo(Grouping.defaults().key(a));
    assertThat(body.get("groupLabels").get("profile").asText()).isEqualTo("rus-dprk");
    assertThat(body.get("idempotencyKey").asText()).isEqualTo("group:hook:abc");
    assertThat(body.get("alerts")).hasSize(2);
    assertThat(body.get("alerts").get(1).get("idempotencyKey").asText()).isEqualTo("b:2");
    assertThat(body.get("alerts").get(1).get("status").asText()).isEqualTo("RESOLVED");

    JsonNode slack = JSON.readTree(SlackPayload.groupBody(group));
    assertThat(slack.get("blocks")).hasSize(3);
    assertThat(slack.get("blocks").get(0).get("text").get("text").asText())
        .startsWith("2 Tocsin alerts");
    assertThat(slack.get("blocks").get(2).get("text").get("text").asText())
        .contains("[RESOLVED]", "b:2");
  }
}
