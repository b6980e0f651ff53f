package dev.tocsin.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.alerting.mute.InhibitRule;
import dev.tocsin.schemas.AlertLevel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierConfigFileTest {

  @TempDir Path dir;

  @Test
  void shouldReadSinksRoutesAndPoliciesWhenFileIsComplete() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("notify.yaml"),
            """
            sinks:
              - {name: audit, type: webhook, url: "https://hooks.example.org/t", secret: "${HOOK_SECRET}"}
              - {name: chat, type: slack, url: "https://hooks.slack.example/T/B/X", timeout: 5s}
              - {name: pager, type: pagerduty, routingKey: "${PD_KEY}"}
              - {name: am, type: alertmanager, url: "http://127.0.0.1:9093", resendInterval: 30s}
              - name: mail
                type: email
                host: smtp.example.org
                port: 587
                startTls: true
                username: tocsin
                password: "${SMTP_PASSWORD}"
                from: tocsin@example.org
                to: [oncall@example.org]
            routes:
              - sinks: [audit, am]
              - minLevel: high
                eventTypes: [troop-deployment, arms-transfer]
                labels: {profile: rus-dprk}
                sinks: [pager, mail, chat]
            retry: {initial: 500ms, max: 2m, multiplier: 3, jitter: 0.25}
            breaker: {failures: 4, openFor: 1m}
            maxAge: 45m
            instanceId: eu-1
            """);
    NotifierSettings settings =
        NotifierConfigFile.read(
            file, Map.of("HOOK_SECRET", "s3", "PD_KEY", "R1", "SMTP_PASSWORD", "pw"));

    assertThat(settings.sinks())
        .containsExactly(
            new SinkConfig.Webhook("audit", URI.create("https://hooks.example.org/t"), "s3", null),
            new SinkConfig.Slack(
                "chat", URI.create("https://hooks.slack.example/T/B/X"), Duration.ofSeconds(5)),
            new SinkConfig.PagerDuty("pager", null, "R1", null),
            new SinkConfig.Alertmanager(
                "am", URI.create("http://127.0.0.1:9093"), Duration.ofSeconds(30), null),
            new SinkConfig.Email(
                "mail",
                "smtp.example.org",
                587,
                true,
                "tocsin",
                "pw",
                "tocsin@example.org",
                List.of("oncall@example.org"),
                null));
    assertThat(settings.routes()).hasSize(2);
    Route pager = settings.routes().get(1);
    assertThat(pager.minLevel()).isEqualTo(AlertLevel.HIGH);
    assertThat(pager.eventTypes()).containsExactlyInAnyOrder("troop-deployment", "arms-transfer");
    assertThat(pager.labels()).containsEntry("profile", "rus-dprk");
    assertThat(settings.retry())
        .isEqualTo(new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(2), 3, 0.25));
    assertThat(settings.breakerFailures()).isEqualTo(4);
    assertThat(settings.breakerOpenFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.maxAge()).isEqualTo(Duration.ofMinutes(45));
    assertThat(settings.instanceId()).isEqualTo("eu-1");
  }

  @Test
  void shouldBeChosenOverVariablesWhenTocsinNotifyConfigIsSet() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("n.yaml"), "sinks: [{name: a, type: slack, url: 'http://s.example/'}]\n");
    NotifierSettings settings =
        NotifierSettings.fromEnvironment(
            Map.of(
                "TOCSIN_NOTIFY_CONFIG",
                file.toString(),
                "TOCSIN_NOTIFY_WEBHOOK_URL",
                "http://ignored.example/"));
    assertThat(settings.sinks()).extracting(SinkConfig::name).containsExactly("a");
    assertThat(settings.routes()).isEmpty();
  }

  @Test
  void shouldNameTheProblemWhenFileIsWrong() throws Exception {
    assertThatThrownBy(() -> read("sinks: [{name: a, type: fax, url: 'http://x.example/'}]"))
        .hasMessageContaining("sink 'a'")
        .hasMessageContaining("fax");
    assertThatThrownBy(() -> read("sinks: [{name: a, type: slack, url: '${NOPE}'}]"))
        .hasMessageContaining("NOPE is not set");
    assertThatThrownBy(() -> read("sinks: []\nroutes: [{sinks: [ghost]}]"))
        .hasMessageContaining("ghost");
    assertThatThrownBy(() -> read("sinks: []\nmaxAge: soon"))
        .hasMessageContaining("maxAge")
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> read("sinks: []\nretries: 3")).hasMessageContaining("retries");
  }

  private NotifierSettings read(String yaml) throws Exception {
    return NotifierConfigFile.read(Files.writeString(dir.resolve("bad.yaml"), yaml), Map.of());
  }

  @Test
  void shouldReadRepeatIntervalsAndInhibitRulesWhenGiven() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("mute.yaml"),
            """
            sinks:
              - {name: hook, type: webhook, url: "https://hooks.example.org/t"}
            routes:
              - {sinks: [hook]}
              - {minLevel: critical, sinks: [hook], repeatInterval: 1h}
            repeatInterval: 2h
            grouping: {groupBy: [clusterId], groupWait: 10s, groupInterval: 1m}
            inhibitRules:
              - source: ["eventType=joint-combat"]
                target: ["level=~INFO|ELEVATED", "profile=rus-dprk"]
                equal: [clusterId, region]
            """);
    NotifierSettings settings = NotifierConfigFile.read(file, Map.of());

    assertThat(settings.repeatInterval()).isEqualTo(Duration.ofHours(2));
    assertThat(settings.grouping())
        .isEqualTo(
            new Grouping(List.of("clusterId"), Duration.ofSeconds(10), Duration.ofMinutes(1)));
    assertThat(settings.routes().get(0).repeatInterval()).isNull();
    assertThat(settings.routes().get(1).repeatInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.inhibitRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.source())
                  .extracting(Object::toString)
                  .containsExactly("eventType=\"joint-combat\"");
              assertThat(rule.target()).hasSize(2);
              assertThat(rule.equal()).containsExactly("clusterId", "region");
            });
  }

  @Test
  void shouldDefaultToOneInhibitRuleAndAllowNone() throws Exception {
    Path defaults =
        Files.writeString(
            dir.resolve("d.yaml"),
            "sinks: [{name: hook, type: webhook, url: \"https://h.example.org/\"}]\n");
    Path none =
        Files.writeString(
            dir.resolve("n.yaml"),
            "sinks: [{name: hook, type: webhook, url: \"https://h.example.org/\"}]\n"
                + "inhibitRules: []\n");

    NotifierSettings settings = NotifierConfigFile.read(defaults, Map.of());
    assertThat(settings.repeatInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(settings.inhibitRules()).containsExactly(InhibitRule.defaultRule());
    assertThat(settings.grouping()).isEqualTo(Grouping.defaults());
    assertThat(NotifierConfigFile.read(none, Map.of()).inhibitRules()).isEmpty();
  }

  @Test
  void shouldNameTheBadRegexWhenAnInhibitRuleDoesNotCompile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            sinks: [{name: hook, type: webhook, url: "https://h.example.org/"}]
            inhibitRules:
              - {source: ["level=~HIGH|("], target: ["level=INFO"]}
            """);
    assertThatThrownBy(() -> NotifierConfigFile.read(file, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad regex")
        .hasMessageContaining("level=~\"HIGH|(\"");
  }
}
