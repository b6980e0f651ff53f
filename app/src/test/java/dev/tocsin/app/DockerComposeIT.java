package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Brings up the whole compose deployment (docker-compose.yml, images built from the Dockerfile)
 * with the demo feeds served inside the compose network, and waits for an escalation alert to reach
 * Alertmanager. Runs where a Docker engine answers (DOCKER_HOST) and Debian's {@code
 * docker-compose} 1.29 is installed, the compose version the deployment is kept compatible with;
 * skips otherwise.
 *
 * <p>{@code TOCSIN_COMPOSE_OVERRIDES} adds compose files after the IT's own override (paths
 * relative to the repository root, separated by ':'): on an engine without registry access, {@code
 * deploy/local/docker-compose.local.yml} with the images of {@code deploy/local/images.sh} and
 * {@code FEEDS_IMAGE=tocsin-local/httpd:latest} (deploy/local/README.md).
 */
class DockerComposeIT {

  private static final int ALERTMANAGER_PORT = 9093;
  private static final Duration ALERT_DEADLINE = Duration.ofMinutes(5);

  private static DockerComposeContainer<?> stack;

  // The constructors taking a compose image run docker-compose inside a container pulled from a
  // registry; the deprecated file-only ones run the installed docker-compose, which is the point.
  @SuppressWarnings("deprecation")
  @BeforeAll
  static void startStack() {
    assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(), "no Docker engine answers: skipped");
    assumeTrue(dockerComposeInstalled(), "docker-compose is not installed: skipped");
    List<File> files = new ArrayList<>();
    files.add(new File("../docker-compose.yml"));
    files.add(new File("src/test/resources/compose/docker-compose.it.yml"));
    String overrides = System.getenv("TOCSIN_COMPOSE_OVERRIDES");
    if (overrides != null && !overrides.isBlank()) {
      for (String override : overrides.split(":")) {
        File file = new File("..", override.strip());
        assertThat(file).as("TOCSIN_COMPOSE_OVERRIDES names %s", override).isFile();
        files.add(file);
      }
    }
    stack =
        new DockerComposeContainer<>(files)
            .withBuild(true)
            .withRemoveVolumes(true)
            .withEnv("TOCSIN_CONSOLE_TOKEN", "compose-it-console-token")
            .withStartupTimeout(Duration.ofMinutes(15))
            .waitingFor(
                "alertmanager", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(2)))
            .waitingFor(
                "alerting", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)))
            .waitingFor("enrich", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)))
            .waitingFor("ingest", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)));
    stack.start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.stop();
    }
  }

  @Test
  void shouldDeliverEscalationAlertToAlertmanagerWhenStackRunsOnDemoFeeds() throws Exception {
    // The compose file publishes Alertmanager's port on the engine host's loopback: read the
    // binding Docker made (the wait target's own port map is for Testcontainers' ambassador).
    ContainerState alertmanager = stack.getContainerByServiceName("alertmanager_1").orElseThrow();
    Ports.Binding[] bindings =
        alertmanager
            .getContainerInfo()
            .getNetworkSettings()
            .getPorts()
            .getBindings()
            .get(ExposedPort.tcp(ALERTMANAGER_PORT));
    assertThat(bindings).as("published ports of alertmanager's %d", ALERTMANAGER_PORT).isNotEmpty();
    // Bound to loopback (as docker-compose.yml does), the port is reachable only on the engine's
    // own host, where this test then runs; Testcontainers' host (a bridge gateway when it thinks it
    // runs in a container) would not reach it.
    String hostIp = bindings[0].getHostIp();
    String host =
        hostIp != null && InetAddress.getByName(hostIp).isLoopbackAddress()
            ? hostIp
            : alertmanager.getHost();
    URI alerts =
        URI.create("http://" + host + ":" + bindings[0].getHostPortSpec() + "/api/v2/alerts");
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
        .as("escalation alerts in Alertmanager at %s within %s", alerts, ALERT_DEADLINE)
        .isNotEmpty();
  }

  /** Returns the alerts Alertmanager holds that Tocsin raised (not Prometheus' ops alerts). */
  private static List<JsonNode> escalations(HttpClient http, ObjectMapper json, URI alerts)
      throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(alerts).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      return List.of(); // not answering yet: the deadline bounds the polling
    }
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

  private static boolean dockerComposeInstalled() {
    try {
      Process version =
          new ProcessBuilder("docker-compose", "version").redirectErrorStream(true).start();
      version.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // Polling an external system: a bounded pause between polls, not a wait for a condition we own.
  private static void awaitNextPoll(Duration pause) throws InterruptedException {
    Thread.sleep(pause.toMillis());
  }
}
