package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Evidence;
import dev.tocsin.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code tocsin alerting --without-notifier} and {@code tocsin notifier} as two processes on
 * the embedded broker, both configured with the same webhook: the notifier process delivers an
 * alert version from {@code tocsin.alerts}, and the alerting process runs no notifier.
 */
class NotifierCommandIT {

  private static final Duration LIMIT = Duration.ofSeconds(90);

  @Test
  void shouldDeliverFromTheNotifierProcessWhenAlertingRunsWithoutIt() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "notifier-command-it");
    Map<String, Integer> accepted = new ConcurrentHashMap<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
              accepted.merge(key, 1, Integer::sum);
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    receiver.start();
    List<Process> processes = new ArrayList<>();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      int alertingPort = EmbeddedKafkaBroker.freePort();
      int notifierPort = EmbeddedKafkaBroker.freePort();
      processes.add(
          tocsin(dir, "alerting", alertingPort, broker, hook, "alerting", "--without-notifier"));
      processes.add(tocsin(dir, "notifier", notifierPort, broker, hook, "notifier"));
      await("both processes ready", () -> ready(alertingPort) && ready(notifierPort), processes);

      assertThat(readiness(notifierPort)).contains("notifier: ok");
      assertThat(readiness(alertingPort)).contains("alerting: ok").doesNotContain("notifier");

      KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
      Topics topics = Topics.withPrefix(kafka.topicPrefix());
      TopicProvisioner.ensure(
          kafka.clientConfig(), List.of(topics.alerts()), kafka.replicationFactor());
      try (KafkaProducer<String, EscalationAlert> producer =
          new KafkaProducer<>(
              kafka.clientConfig(),
              topics.alerts().keySerde().serializer(),
              topics.alerts().valueSerde().serializer())) {
        EscalationAlert alert = alert("cluster:cl-notifier-it", 1);
        producer
            .send(new ProducerRecord<>(topics.alerts().name(), alert.getAlertKey(), alert))
            .get();
      }

      await(
          "the alert version at the webhook",
          () -> accepted.containsKey("cluster:cl-notifier-it:1"),
          processes);
      assertThat(processes).allMatch(Process::isAlive);
    } finally {
      for (Process p : processes) {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
      receiver.stop(0);
    }
  }

  private static Process tocsin(
      Path dir, String name, int port, EmbeddedKafkaBroker broker, String hook, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            TocsinCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("TOCSIN_DATA_DIR", dir.resolve(name).toAbsolutePath().toString());
    env.put("TOCSIN_MANAGEMENT_ADDRESS", "127.0.0.1:" + port);
    env.put("TOCSIN_NOTIFY_WEBHOOK_URL", hook);
    env.put("TOCSIN_NOTIFY_GROUP_BY", "none");
    env.put("TOCSIN_LOG_LEVEL", "WARN");
    builder.redirectErrorStream(true);
    builder.redirectOutput(dir.resolve(name + ".log").toFile());
    return builder.start();
  }

  private static void await(String what, BooleanSupplier condition, List<Process> processes)
      throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(processes)
          .as("processes running while waiting for " + what)
          .allMatch(Process::isAlive);
      assertThat(System.nanoTime()).as(what + " within " + LIMIT).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static boolean ready(int port) {
    try {
      return get(port).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String readiness(int port) throws IOException, InterruptedException {
    return get(port).body();
  }

  private static HttpResponse<String> get(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static EscalationAlert alert(String key, int version) {
    Instant now = Instant.now();
    return EscalationAlert.newBuilder()
        .setAlertKey(key)
        .setVersion(version)
        .setKind(AlertKind.CLUSTER)
        .setStatus(AlertStatus.FIRING)
        .setLevel(AlertLevel.HIGH)
        .setScore(0.8)
        .setTitle("A hand-written development for the notifier process")
        .setSummary("One outlet reports it.")
        .setEvidence(
            Evidence.newBuilder()
                .setLinks(List.of("https://news.example.org/notifier-it"))
                .setOutlets(List.of("Example News"))
                .setIndependentSources(1)
                .setFirstSeen(now)
                .setLastSeen(now)
                .build())
        .setClusterId("cl-notifier-it")
        .setProfile("russia-dprk")
        .setFiredAt(now)
        .setUpdatedAt(now)
        .build();
  }
}
