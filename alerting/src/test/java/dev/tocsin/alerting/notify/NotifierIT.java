package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.KafkaFixture.await;
import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DeadLetter;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EscalationAlert;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivers alerts from the real embedded broker to real receivers: JDK HTTP servers speaking the
 * webhook, Slack and PagerDuty formats, and GreenMail's SMTP server.
 */
class NotifierIT {

  private static final String SECRET = "it-shared-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void shouldDeliverToEverySinkOnceAndNotResendWhenRestarted() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start("notifier-it");
        Receiver webhook = Receiver.start();
        Receiver slack = Receiver.start();
        Receiver pagerDuty = Receiver.start()) {
      webhook.answering(
          r ->
              WebhookSigner.verify(SECRET, r.body(), r.header(WebhookSigner.HEADER))
                  ? Receiver.Response.of(200, "")
                  : Receiver.Response.of(401, "bad signature"));
      slack.answering(r -> Receiver.Response.of(200, "ok"));
      pagerDuty.answering(
          r ->
              Receiver.Response.of(
                  202, "{\"status\":\"success\",\"message\":\"Event processed\"}"));
      NotifierSettings settings =
          new NotifierSettings(
              List.of(
                  new SinkConfig.Webhook("hook", webhook.url("/tocsin"), SECRET, null),
                  new SinkConfig.Slack("slack", slack.url("/services/T0/B0/X"), null),
                  new SinkConfig.PagerDuty(
                      "pager", pagerDuty.url("/v2/enqueue"), "ROUTING-KEY-1", null),
                  new SinkConfig.Email(
                      "mail",
                      "127.0.0.1",
                      SMTP.getSmtp().getPort(),
                      false,
                      null,
                      null,
                      "tocsin@example.org",
                      List.of("oncall@example.org"),
                      null)),
              List.of(
                  Route.all("hook", "slack"),
                  new Route(AlertLevel.HIGH, Set.of(), Map.of(), List.of("pager", "mail"))),
              null,
              5,
              null,
              null,
              "it");

      EscalationAlert high = alert("cl-high", 1, AlertStatus.FIRING, AlertLevel.HIGH);
      EscalationAlert elevated = alert("cl-elev", 1, AlertStatus.FIRING, AlertLevel.ELEVATED);
      EscalationAlert resolved = alert("cl-high", 2, AlertStatus.RESOLVED, AlertLevel.HIGH);
      kafka.send(high, elevated, resolved);

      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      try (Notifier notifier = notifier(kafka, settings, meters)) {
        List<DeliveryReceipt> receipts =
            kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= 10);
        assertThat(receipts).hasSize(10);
        assertThat(receipts).allMatch(r -> r.getOutcome() == DeliveryOutcome.DELIVERED);
        assertThat(notifier.failure()).isNull();
        assertThat(
                meters
                    .counter("tocsin.deliveries", "sink", "pager", "outcome", "delivered")
                    .count())
            .isEqualTo(2.0);
        assertThat(meters.timer("tocsin.notifier.latency", "sink", "hook").count()).isEqualTo(3);
      }

      assertThat(webhook.requests()).hasSize(3);
      assertThat(webhook.requests())
          .extracting(r -> r.header(WebhookSink.IDEMPOTENCY_HEADER))
          .containsExactlyInAnyOrder("cl-high:1", "cl-elev:1", "cl-high:2");
      Receiver.Request first =
          webhook.requests().stream()
              .filter(r -> r.header(WebhookSink.IDEMPOTENCY_HEADER).equals("cl-high:1"))
              .findFirst()
              .orElseThrow();
      assertThat(first.header("Content-Type")).isEqualTo("application/json");
      JsonNode body = JSON.readTree(first.body());
      assertThat(body.get("alertKey").asText()).isEqualTo("cl-high");
      assertThat(body.get("evidence").get("links")).hasSize(2);

      assertThat(slack.requests()).hasSize(3);
      for (Receiver.Request r : slack.requests()) {
        JsonNode message = JSON.readTree(r.body());
        assertThat(message.get("text").asText()).isNotBlank();
        assertThat(message.get("blocks").get(0).get("type").asText()).isEqualTo("header");
      }

      List<JsonNode> events = pagerDuty.requests().stream().map(NotifierIT::json).toList();
      assertThat(events)
          .extracting(e -> e.get("event_action").asText())
          .containsExactly("trigger", "resolve");
      assertThat(events).allMatch(e -> e.get("dedup_key").asText().equals("cl-high"));
      assertThat(events).allMatch(e -> e.get("routing_key").asText().equals("ROUTING-KEY-1"));
      assertThat(events.get(0).get("payload").get("severity").asText()).isEqualTo("error");

      assertThat(SMTP.waitForIncomingEmail(5_000, 2)).isTrue();
      MimeMessage[] mails = SMTP.getReceivedMessages();
      assertThat(mails).hasSize(2);
      assertThat(mails[0].getSubject()).isEqualTo("[HIGH] " + high.getTitle());
      assertThat(mails[0].getHeader(EmailSink.IDEMPOTENCY_HEADER)[0]).isEqualTo("cl-high:1");
      assertThat(mails[1].getSubject()).startsWith("[RESOLVED] ");

      // A new instance picks up after the committed offsets: it sends only the new alert.
      EscalationAlert critical = alert("cl-crit", 1, AlertStatus.FIRING, AlertLevel.CRITICAL);
      kafka.send(critical);
      try (Notifier restarted = notifier(kafka, settings)) {
        await(Duration.ofSeconds(60), "the new alert is mailed", () -> mailCount() == 3);
        kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= 14);
        assertThat(restarted.failure()).isNull();
      }
      assertThat(webhook.requests()).hasSize(4);
      assertThat(slack.requests()).hasSize(4);
      assertThat(pagerDuty.requests()).hasSize(3);
      assertThat(kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= 14)).hasSize(14);
    }
  }

  @Test
  void shouldDeadLetterWhenReceiverRejectsOrKeepsFailingPastMaxAge() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start("notifier-dlq-it");
        Receiver rejecting = Receiver.start();
        Receiver failing = Receiver.start()) {
      rejecting.answering(r -> Receiver.Response.of(400, "{\"error\":\"unknown channel\"}"));
      failing.answering(r -> Receiver.Response.of(503, "down for maintenance"));
      NotifierSettings settings =
          NotifierSettings.toAll(
                  List.of(
                      new SinkConfig.Webhook("reject", rejecting.url("/x"), null, null),
                      new SinkConfig.Webhook("fail", failing.url("/y"), null, null)))
              .withRetry(new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(400), 2, 0.5))
              .withBreaker(100, Duration.ofSeconds(1))
              .withMaxAge(Duration.ofSeconds(2));
      kafka.send(alert("cl-dlq", 1, AlertStatus.FIRING, AlertLevel.HIGH));

      try (Notifier notifier = notifier(kafka, settings)) {
        List<DeliveryReceipt> receipts =
            kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= 2);
        List<DeadLetter> letters =
            kafka.readUntil(kafka.topics.alertsDlq(), all -> all.size() >= 2);

        assertThat(receipts).hasSize(2);
        DeliveryReceipt rejected = receipt(receipts, "reject");
        assertThat(rejected.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(rejected.getAttempt()).isEqualTo(1);
        assertThat(rejected.getHttpStatus()).isEqualTo(400);
        assertThat(rejected.getError()).contains("unknown channel");
        DeliveryReceipt expired = receipt(receipts, "fail");
        assertThat(expired.getOutcome()).isEqualTo(DeliveryOutcome.DEAD_LETTERED);
        assertThat(expired.getAttempt()).isGreaterThan(2);
        assertThat(expired.getHttpStatus()).isEqualTo(503);
        assertThat(expired.getIdempotencyKey()).isEqualTo("cl-dlq:1:fail");

        assertThat(letters)
            .extracting(DeadLetter::getStage)
            .containsExactlyInAnyOrder("notify.reject", "notify.fail");
        assertThat(letters).allMatch(l -> l.getTopic().equals(kafka.topics.alerts().name()));
        assertThat(letters).allMatch(l -> l.getOffset() == 0L);
        EscalationAlert carried =
            kafka
                .topics
                .alerts()
                .valueSerde()
                .deserializer()
                .deserialize("", bytes(letters.get(0).getValue()));
        assertThat(carried.getAlertKey()).isEqualTo("cl-dlq");
        assertThat(rejecting.requests()).hasSize(1);
        assertThat(failing.requests().size()).isEqualTo(expired.getAttempt());
        assertThat(notifier.failure()).isNull();
      }
    }
  }

  private static DeliveryReceipt receipt(List<DeliveryReceipt> receipts, String sink) {
    return receipts.stream().filter(r -> r.getSink().equals(sink)).findFirst().orElseThrow();
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static int mailCount() {
    return SMTP.getReceivedMessages().length;
  }

  private static JsonNode json(Receiver.Request request) {
    try {
      return JSON.readTree(request.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Notifier notifier(KafkaFixture kafka, NotifierSettings settings) {
    return notifier(kafka, settings, new SimpleMeterRegistry());
  }

  static Notifier notifier(
      KafkaFixture kafka, NotifierSettings settings, SimpleMeterRegistry meters) {
    HttpClient http = HttpClient.newHttpClient();
    Clock clock = Clock.systemUTC();
    Notifier notifier =
        new Notifier(
            kafka.kafka.clientConfig(),
            kafka.topics,
            settings,
            Sinks.createAll(settings.sinks(), http, clock),
            clock);
    notifier.bindMetrics(meters);
    notifier.start();
    return notifier;
  }
}
