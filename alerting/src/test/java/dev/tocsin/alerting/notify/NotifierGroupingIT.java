package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.KafkaFixture.await;
import static dev.tocsin.alerting.notify.NotifierIT.notifier;
import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static dev.tocsin.alerting.notify.TestAlerts.builder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Groups related alerts into one notification, on the real embedded broker with real HTTP
 * receivers: two alerts of one profile and event type reach the webhook in one call and Slack in
 * one message; another event type gets its own; an alert joining the group later waits for the
 * group interval; a restart sends nothing again.
 */
class NotifierGroupingIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "group-secret";

  @Test
  void shouldDeliverRelatedAlertsInOneNotificationAndNothingTwice() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start("grouping-it");
        Receiver webhook = Receiver.start();
        Receiver slack = Receiver.start()) {
      NotifierSettings settings =
          NotifierSettings.toAll(
                  List.of(
                      new SinkConfig.Webhook("hook", webhook.url("/hook"), SECRET, null),
                      new SinkConfig.Slack("chat", slack.url("/slack"), null)))
              .withGrouping(
                  new Grouping(
                      List.of("profile", "eventType"),
                      Duration.ofSeconds(2),
                      Duration.ofSeconds(4)));
      kafka.send(
          alert("t1", 1, AlertStatus.FIRING, AlertLevel.HIGH),
          alert("t2", 1, AlertStatus.FIRING, AlertLevel.ELEVATED),
          builder("m1", 1, AlertStatus.FIRING, AlertLevel.HIGH)
              .setEventType("munitions-transfer")
              .build());

      try (Notifier notifier = notifier(kafka, settings)) {
        await(Duration.ofSeconds(60), "two webhook calls", () -> webhook.requests().size() >= 2);
        List<JsonNode> bodies = bodies(webhook);
        JsonNode troops = group(bodies, "troop-deployment");
        assertThat(troops.get("alerts")).hasSize(2);
        assertThat(texts(troops.get("alerts"), "idempotencyKey"))
            .containsExactlyInAnyOrder("t1:1", "t2:1");
        assertThat(troops.get("groupKey").asText())
            .isEqualTo("{profile=\"rus-dprk\",eventType=\"troop-deployment\"}");
        assertThat(group(bodies, "munitions-transfer").get("alerts")).hasSize(1);
        for (Receiver.Request r : webhook.requests()) {
          assertThat(r.header(WebhookSink.IDEMPOTENCY_HEADER)).startsWith("group:hook:");
          assertThat(WebhookSigner.verify(SECRET, r.body(), r.header(WebhookSigner.HEADER)))
              .isTrue();
        }
        await(Duration.ofSeconds(30), "two Slack messages", () -> slack.requests().size() >= 2);
        assertThat(slack.requests())
            .anySatisfy(r -> assertThat(r.text()).contains("2 Tocsin alerts", "t1:1", "t2:1"));

        // A relative arriving after the first notification waits for the group interval.
        kafka.send(alert("t3", 1, AlertStatus.FIRING, AlertLevel.INFO));
        await(Duration.ofSeconds(60), "a third webhook call", () -> webhook.requests().size() >= 3);
        JsonNode third = bodies(webhook).get(2);
        assertThat(texts(third.get("alerts"), "idempotencyKey")).containsExactly("t3:1");

        List<DeliveryReceipt> receipts =
            kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= 8);
        assertThat(receipts).allMatch(r -> r.getOutcome() == DeliveryOutcome.DELIVERED);
        assertThat(receipts)
            .extracting(DeliveryReceipt::getIdempotencyKey)
            .containsExactlyInAnyOrder(
                "t1:1:hook",
                "t2:1:hook",
                "m1:1:hook",
                "t3:1:hook",
                "t1:1:chat",
                "t2:1:chat",
                "m1:1:chat",
                "t3:1:chat");
        assertThat(notifier.failure()).isNull();
      }

      // A restart picks up after the committed offsets: only the new alert is sent.
      kafka.send(alert("t1", 2, AlertStatus.RESOLVED, AlertLevel.HIGH));
      try (Notifier restarted = notifier(kafka, settings)) {
        await(Duration.ofSeconds(60), "the resolution", () -> webhook.requests().size() >= 4);
        kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= 10);
        assertThat(restarted.failure()).isNull();
      }
      assertThat(webhook.requests()).hasSize(4);
      assertThat(texts(bodies(webhook).get(3).get("alerts"), "idempotencyKey"))
          .containsExactly("t1:2");
      assertThat(slack.requests()).hasSize(4);
    }
  }

  private static List<JsonNode> bodies(Receiver receiver) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (Receiver.Request r : receiver.requests()) {
      bodies.add(JSON.readTree(r.body()));
    }
    return bodies;
  }

  private static JsonNode group(List<JsonNode> bodies, String eventType) {
    return bodies.stream()
        .filter(b -> b.get("groupLabels").get("eventType").asText().equals(eventType))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.get(field).asText()));
    return texts;
  }
}
