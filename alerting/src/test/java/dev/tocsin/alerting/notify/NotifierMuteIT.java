package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.KafkaFixture.await;
import static dev.tocsin.alerting.notify.NotifierIT.notifier;
import static dev.tocsin.alerting.notify.TestAlerts.builder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.alerting.mute.SilenceStore;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Silence;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Silences, inhibition and repeats against the real embedded broker and a real HTTP receiver: a
 * silence written as the CLI writes it holds back a matching alert and lets another through, the
 * held alert survives a restart and is notified once the silence is expired; a critical alert holds
 * back a lower one of its cluster until it resolves; a firing alert is notified again after its
 * repeat interval.
 */
class NotifierMuteIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void shouldHoldBackSilencedAlertsAcrossARestartAndNotifyThemWhenTheSilenceExpires()
      throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start("mute-silence-it");
        Receiver webhook = Receiver.start()) {
      NotifierSettings settings =
          NotifierSettings.toAll(
              List.of(new SinkConfig.Webhook("hook", webhook.url("/hook"), null, null)));
      SilenceStore store =
          new SilenceStore(kafka.kafka.clientConfig(), kafka.topics, Clock.systemUTC());
      Silence silence =
          store.add(
              List.of(
                  AlertMatcher.parse("level=HIGH"), AlertMatcher.parse("eventType=~munitions.*")),
              null,
              Instant.now().plus(Duration.ofHours(2)),
              "it",
              "known: arms shipment tracked elsewhere");
      EscalationAlert silenced =
          builder("arms", 1, AlertStatus.FIRING, AlertLevel.HIGH)
              .setEventType("munitions-transfer")
              .build();
      EscalationAlert through = TestAlerts.alert("troops", 1, AlertStatus.FIRING, AlertLevel.HIGH);
      kafka.send(silenced, through);

      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      try (Notifier notifier = notifier(kafka, settings, meters)) {
        await(WAIT, "the unsilenced alert is delivered", () -> keys(webhook).contains("troops:1"));
        List<DeliveryReceipt> receipts =
            kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= 2);
        assertThat(receipts)
            .filteredOn(r -> r.getAlertKey().equals("arms"))
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.SILENCED);
                  assertThat(r.getError()).contains(silence.getId());
                });
        assertThat(
                meters
                    .counter("tocsin.notifier.held.back", "sink", "hook", "reason", "silenced")
                    .count())
            .isEqualTo(1.0);
        assertThat(meters.get("tocsin.notifier.held").gauge().value()).isEqualTo(1.0);
        assertThat(notifier.failure()).isNull();
      }
      assertThat(keys(webhook)).containsExactly("troops:1");

      // A new instance rebuilds what is held back from the receipts, and releases it on expiry.
      try (Notifier restarted = notifier(kafka, settings)) {
        assertThat(restarted.awaitReady(WAIT)).isTrue();
        assertThat(store.expire(silence.getId())).isPresent();
        await(WAIT, "the held alert is notified", () -> keys(webhook).contains("arms:1"));
        kafka.readUntil(
            kafka.topics.deliveries(),
            all ->
                all.stream()
                    .anyMatch(
                        r ->
                            r.getAlertKey().equals("arms")
                                && r.getOutcome() == DeliveryOutcome.DELIVERED));
        assertThat(restarted.failure()).isNull();
      }
      assertThat(keys(webhook)).containsExactly("troops:1", "arms:1");
      assertThat(store.all().get(silence.getId()).getEndsAt()).isBeforeOrEqualTo(Instant.now());
    }
  }

  @Test
  void shouldInhibitLowerAlertsOfACriticalClusterAndRepeatFiringAlerts() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start("mute-inhibit-it");
        Receiver webhook = Receiver.start()) {
      NotifierSettings settings =
          NotifierSettings.toAll(
                  List.of(new SinkConfig.Webhook("hook", webhook.url("/hook"), null, null)))
              .withRepeatInterval(Duration.ofSeconds(3));
      EscalationAlert critical =
          builder("cluster:k", 1, AlertStatus.FIRING, AlertLevel.CRITICAL)
              .setClusterId("k")
              .build();
      EscalationAlert lower =
          builder("surge:k", 1, AlertStatus.FIRING, AlertLevel.ELEVATED).setClusterId("k").build();
      kafka.send(critical, lower);

      try (Notifier notifier = notifier(kafka, settings)) {
        await(WAIT, "the critical alert is delivered", () -> keys(webhook).contains("cluster:k:1"));
        kafka.readUntil(
            kafka.topics.deliveries(),
            all -> all.stream().anyMatch(r -> r.getOutcome() == DeliveryOutcome.INHIBITED));
        assertThat(keys(webhook)).doesNotContain("surge:k:1");

        await(
            WAIT,
            "the firing critical alert is notified again",
            () -> keys(webhook).contains("cluster:k:1:repeat-1"));

        kafka.send(
            builder("cluster:k", 2, AlertStatus.RESOLVED, AlertLevel.CRITICAL)
                .setClusterId("k")
                .build());
        await(
            WAIT,
            "the lower alert is notified once the critical one resolved",
            () -> keys(webhook).contains("surge:k:1"));
        assertThat(notifier.failure()).isNull();
      }
      List<String> keys = keys(webhook);
      assertThat(keys).containsOnlyOnce("cluster:k:1", "cluster:k:2", "surge:k:1");
      assertThat(keys.indexOf("surge:k:1")).isGreaterThan(keys.indexOf("cluster:k:2"));
    }
  }

  private static List<String> keys(Receiver receiver) {
    return receiver.requests().stream().map(r -> r.header(WebhookSink.IDEMPOTENCY_HEADER)).toList();
  }
}
