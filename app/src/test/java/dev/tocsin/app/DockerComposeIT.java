package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Brings up the whole compose deployment (docker-compose.yml, images built from the Dockerfile)
 * with the demo feeds served inside the compose network, and waits for an escalation alert to reach
 * Alertmanager. Runs only where a Docker engine with the compose plugin exists.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeIT {

  private static final int ALERTMANAGER_PORT = 9093;
  private static final Duration ALERT_DEADLINE = Duration.ofMinutes(5);

  @Container
  static final ComposeContainer STACK =
      new ComposeContainer(
              new File("../docker-compose.yml"),
              new File("src/test/resources/compose/docker-compose.it.yml"))
          .withBuild(true)
          .withEnv("TOCSIN_CONSOLE_TOKEN", "compose-it-console-token")
          .withStartupTimeout(Duration.ofMinutes(15))
          .withExposedService(
              "alertmanager",
              ALERTMANAGER_PORT,
              Wait.forHttp("/-/ready").withStartupTimeout(Duration.ofMinutes(2)))
          .waitingFor("alerting", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)))
          .waitingFor("enrich", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)))
          .waitingFor("ingest", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)));

  @Test
  void shouldDeliverEscalationAlertToAlertmanagerWhenStackRunsOnDemoFeeds() throws Exception {
    URI alerts =
        URI.create(
            "http://"
                + STACK.getServiceHost("alertmanager", ALERTMANAGER_PORT)
                + ":"
                + STACK.getServicePort("alertmanager", ALERTMANAGER_PORT)
                + "/api/v2/alerts");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectMapper json = new ObjectMapper();

    List<JsonNode> escalations = new ArrayList<>();
    Instant deadline = Instant.now().plus(ALERT_DEADLINE);
    while (escalations.isEmpty() && Instant.now().isBefore(deadline)) {
      escalations = escalations(http, json, alerts);
      if (escalations.isEmpty()) {
        awaitNextPoll(Duration.ofSeconds(2));
      }
    }

    assertThat(escalations)
        .as("escalation alerts in Alertmanager within %s", ALERT_DEADLINE)
        .isNotEmpty();
  }

  /** Returns the alerts Alertmanager holds that Tocsin raised (not Prometheus' ops alerts). */
  private static List<JsonNode> escalations(HttpClient http, ObjectMapper json, URI alerts)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(alerts).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    List<JsonNode> found = new ArrayList<>();
    if (response.statusCode() == 200) {
      for (JsonNode alert : json.readTree(response.body())) {
        if (!"tocsin-ops".equals(alert.at("/labels/source").asText())) {
          found.add(alert);
        }
      }
    }
    return found;
  }

  // Polling an external system: a bounded pause between polls, not a wait for a condition we own.
  private static void awaitNextPoll(Duration pause) throws InterruptedException {
    Thread.sleep(pause.toMillis());
  }
}
