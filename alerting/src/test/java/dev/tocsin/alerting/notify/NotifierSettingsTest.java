package dev.tocsin.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.AlertLevel;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierSettingsTest {

  @Test
  void shouldConfigureOneSinkPerReceiverWhenEnvironmentNamesThem() {
    NotifierSettings settings =
        NotifierSettings.fromEnvironment(
            Map.of(
                "TOCSIN_NOTIFY_WEBHOOK_URL", "http://hooks.example.org/tocsin",
                "TOCSIN_NOTIFY_WEBHOOK_SECRET", "s3",
                "TOCSIN_NOTIFY_ALERTMANAGER_URL", "http://127.0.0.1:9093",
                "TOCSIN_NOTIFY_ALERTMANAGER_RESEND", "30s",
                "TOCSIN_NOTIFY_PAGERDUTY_ROUTING_KEY", "R1",
                "TOCSIN_NOTIFY_SMTP_HOST", "smtp.example.org",
                "TOCSIN_NOTIFY_EMAIL_FROM", "tocsin@example.org",
                "TOCSIN_NOTIFY_EMAIL_TO", "a@example.org, b@example.org",
                "TOCSIN_NOTIFY_MIN_LEVEL", "high",
                "TOCSIN_NOTIFY_MAX_AGE", "2h"));

    assertThat(settings.sinks())
        .extracting(SinkConfig::name)
        .containsExactly("webhook", "pagerduty", "alertmanager", "email");
    assertThat(settings.sinks().get(0))
        .isEqualTo(
            new SinkConfig.Webhook(
                "webhook", URI.create("http://hooks.example.org/tocsin"), "s3", null));
    assertThat(((SinkConfig.PagerDuty) settings.sinks().get(1)).endpoint())
        .isEqualTo(SinkConfig.PAGERDUTY_EVENTS_V2);
    assertThat(((SinkConfig.Alertmanager) settings.sinks().get(2)).resendInterval())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(((SinkConfig.Email) settings.sinks().get(3)).to())
        .containsExactly("a@example.org", "b@example.org");
    assertThat(settings.routes()).hasSize(1);
    assertThat(settings.routes().get(0).minLevel()).isEqualTo(AlertLevel.HIGH);
    assertThat(settings.maxAge()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void shouldAcceptComposeVariableWhenAlertmanagerIsNamedThatWay() {
    NotifierSettings settings =
        NotifierSettings.fromEnvironment(
            Map.of("TOCSIN_ALERTMANAGER_URL", "http://alertmanager:9093"));
    assertThat(settings.sinks())
        .containsExactly(
            new SinkConfig.Alertmanager(
                "alertmanager", URI.create("http://alertmanager:9093"), null, null));
  }

  @Test
  void shouldConfigureNoSinkWhenEnvironmentIsEmpty() {
    NotifierSettings settings = NotifierSettings.fromEnvironment(Map.of());
    assertThat(settings.sinks()).isEmpty();
    assertThat(settings.routes()).isEmpty();
  }

  @Test
  void shouldNameVariableWhenValueIsBad() {
    assertThatThrownBy(
            () -> NotifierSettings.fromEnvironment(Map.of("TOCSIN_NOTIFY_MIN_LEVEL", "loud")))
        .hasMessageContaining("TOCSIN_NOTIFY_MIN_LEVEL")
        .hasMessageContaining("loud");
    assertThatThrownBy(
            () -> NotifierSettings.fromEnvironment(Map.of("TOCSIN_NOTIFY_MAX_AGE", "forever")))
        .hasMessageContaining("TOCSIN_NOTIFY_MAX_AGE");
    assertThatThrownBy(
            () ->
                NotifierSettings.fromEnvironment(
                    Map.of("TOCSIN_NOTIFY_WEBHOOK_URL", "ftp://example.org/x")))
        .hasMessageContaining("http(s)");
  }

  @Test
  void shouldRejectSettingsWhenTwoSinksShareAName() {
    SinkConfig a = new SinkConfig.Slack("x", URI.create("http://a.example/"), null);
    SinkConfig b = new SinkConfig.Slack("x", URI.create("http://b.example/"), null);
    assertThatThrownBy(() -> NotifierSettings.toAll(List.of(a, b))).hasMessageContaining("'x'");
  }

  @Test
  void shouldReadRepeatIntervalAndInhibitionFromEnvironment() {
    NotifierSettings settings =
        NotifierSettings.fromEnvironment(
            Map.of(
                "TOCSIN_NOTIFY_WEBHOOK_URL", "https://h.example.org/",
                "TOCSIN_NOTIFY_REPEAT_INTERVAL", "90m",
                "TOCSIN_NOTIFY_INHIBIT", "off",
                "TOCSIN_NOTIFY_GROUP_BY", "none"));
    assertThat(settings.grouping().enabled()).isFalse();
    assertThat(NotifierSettings.fromEnvironment(Map.of()).grouping())
        .isEqualTo(Grouping.defaults());
    assertThat(
            NotifierSettings.fromEnvironment(
                    Map.of(
                        "TOCSIN_NOTIFY_GROUP_BY", "clusterId, region",
                        "TOCSIN_NOTIFY_GROUP_WAIT", "5s"))
                .grouping())
        .isEqualTo(new Grouping(List.of("clusterId", "region"), Duration.ofSeconds(5), null));
    assertThat(settings.repeatInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(settings.inhibitRules()).isEmpty();
    assertThat(NotifierSettings.fromEnvironment(Map.of()).repeatInterval())
        .isEqualTo(Duration.ofHours(4));
    assertThat(NotifierSettings.fromEnvironment(Map.of()).inhibitRules()).hasSize(1);
    assertThatThrownBy(
            () -> NotifierSettings.fromEnvironment(Map.of("TOCSIN_NOTIFY_INHIBIT", "maybe")))
        .hasMessageContaining("TOCSIN_NOTIFY_INHIBIT");
  }
}
