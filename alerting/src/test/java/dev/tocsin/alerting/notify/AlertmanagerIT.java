package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.KafkaFixture.await;
import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivers alerts to Debian's real prometheus-alertmanager, started by this test. */
class AlertmanagerIT {

  private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG =
      """
      route:
        receiver: blackhole
        group_wait: 1s
        group_interval: 1s
        repeat_interval: 1h
      receivers:
        - name: blackhole
      """;

  private final HttpClient http = HttpClient.newHttpClient();
  private Process alertmanager;
  private URI base;

  @BeforeEach
  void startAlertmanager() throws Exception {
    assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed");
    Files.createDirectories(Path.of("target"));
    Path dir = Files.createTempDirectory(Path.of("target"), "alertmanager");
    Path config = Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
    int port = EmbeddedKafkaBroker.freePort();
    base = URI.create("http://127.0.0.1:" + port);
    alertmanager =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    await(Duration.ofSeconds(20), "Alertmanager is ready", () -> status("/-/ready") == 200);
  }

  @AfterEach
  void stopAlertmanager() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
  }

  @Test
  void shouldFireRepostAndResolveAlertWhenNotifierDeliversIt() throws Exception {
    Duration resend = Duration.ofSeconds(1);
    NotifierSettings settings =
        NotifierSettings.toAll(List.of(new SinkConfig.Alertmanager("am", base, resend, null)));
    try (KafkaFixture kafka = KafkaFixture.start("alertmanager-it")) {
      EscalationAlert firing = alert("cl-am", 1, AlertStatus.FIRING, AlertLevel.CRITICAL);
      kafka.send(firing);

      Instant firstEnd;
      try (Notifier notifier = NotifierIT.notifier(kafka, settings)) {
        await(Duration.ofSeconds(60), "the alert is active", () -> active("cl-am").isPresent());
        JsonNode alert = active("cl-am").orElseThrow();
        assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("TocsinEscalation");
        assertThat(alert.get("labels").get("level").asText()).isEqualTo("critical");
        assertThat(alert.get("labels").get("eventType").asText()).isEqualTo("troop-deployment");
        assertThat(alert.get("annotations").get("title").asText()).isEqualTo(firing.getTitle());
        assertThat(alert.get("annotations").get("runbook_url").asText()).startsWith("https://");
        assertThat(Instant.parse(alert.get("startsAt").asText())).isEqualTo(TestAlerts.FIRED);
        firstEnd = Instant.parse(alert.get("endsAt").asText());
        assertThat(firstEnd).isAfter(Instant.now());
        awaitRepostedAfter(firstEnd);
        assertThat(notifier.failure()).isNull();
      }

      // A new instance rebuilds the firing set from the alerts topic and keeps re-posting it.
      try (Notifier restarted = NotifierIT.notifier(kafka, settings)) {
        Instant beforeRestart = active("cl-am").map(AlertmanagerIT::endsAt).orElseThrow();
        awaitRepostedAfter(beforeRestart);

        kafka.send(alert("cl-am", 2, AlertStatus.RESOLVED, AlertLevel.CRITICAL));
        await(Duration.ofSeconds(60), "the alert resolves", () -> active("cl-am").isEmpty());
        assertThat(alertsJson())
            .noneMatch(a -> a.get("labels").get("alert_key").asText().equals("cl-am"));
        assertThat(restarted.failure()).isNull();
      }
    }
  }

  // Re-posted while firing: Alertmanager sees the alert's end pushed further out.
  private void awaitRepostedAfter(Instant end) throws InterruptedException {
    await(
        Duration.ofSeconds(30),
        "the firing alert is re-posted",
        () -> active("cl-am").map(a -> endsAt(a).isAfter(end)).orElse(false));
  }

  private static Instant endsAt(JsonNode alert) {
    return Instant.parse(alert.get("endsAt").asText());
  }

  private Optional<JsonNode> active(String key) {
    for (JsonNode alert : alertsJson()) {
      if (alert.get("labels").path("alert_key").asText().equals(key)
          && alert.get("status").get("state").asText().equals("active")
          && Instant.parse(alert.get("endsAt").asText()).isAfter(Instant.now())) {
        return Optional.of(alert);
      }
    }
    return Optional.empty();
  }

  private List<JsonNode> alertsJson() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/v2/alerts")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      List<JsonNode> alerts = new java.util.ArrayList<>();
      JSON.readTree(response.body()).forEach(alerts::add);
      return alerts;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private int status(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(base.resolve(path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
