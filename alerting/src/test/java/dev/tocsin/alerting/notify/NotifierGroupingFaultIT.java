package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static dev.tocsin.alerting.notify.TestAlerts.builder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Grouped notifications across a crash: the notifier, in a JVM of its own, is killed (SIGKILL)
 * while a group notification is in flight; its successor sends that group again under the same
 * idempotency key, and every alert version is acknowledged exactly once.
 */
class NotifierGroupingFaultIT {

  private static final String SECRET = "group-fault-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Integer> acked = new ConcurrentHashMap<>();
  private final List<String> groupKeys = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> heldKey = new AtomicReference<>();
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch killed = new CountDownLatch(1);
  private final List<Process> processes = new ArrayList<>();

  @Test
  void shouldSendAnInterruptedGroupAgainUnderItsKeyAndEveryAlertOnce() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "group-fault-it"));
    try (KafkaFixture kafka = KafkaFixture.start("group-fault-it");
        Receiver receiver = Receiver.start(EmbeddedKafkaBroker.freePort())) {
      receiver.answering(this::answer);
      String url = receiver.url("/hook").toString();
      kafka.send(
          alert("a1", 1, AlertStatus.FIRING, AlertLevel.HIGH),
          alert("a2", 1, AlertStatus.FIRING, AlertLevel.ELEVATED),
          builder("b1", 1, AlertStatus.FIRING, AlertLevel.HIGH)
              .setEventType("munitions-transfer")
              .build(),
          builder("b2", 1, AlertStatus.FIRING, AlertLevel.INFO)
              .setEventType("munitions-transfer")
              .build());
      try {
        startNotifier(kafka, url, logs.resolve("notifier-1.log"));
        assertThat(holding.await(90, TimeUnit.SECONDS))
            .as("the second group notification is in flight")
            .isTrue();
        Process dead = processes.get(0);
        dead.destroyForcibly();
        assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
        killed.countDown();
        assertThat(acked).hasSize(2);

        startNotifier(kafka, url, logs.resolve("notifier-2.log"));
        KafkaFixture.await(
            Duration.ofSeconds(120), "every alert is acknowledged", () -> acked.size() == 4);
        List<DeliveryReceipt> receipts =
            kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= 4);

        assertThat(acked).containsOnlyKeys("a1:1", "a2:1", "b1:1", "b2:1");
        assertThat(acked).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(receipts).hasSize(4);
        assertThat(receipts).allMatch(r -> r.getOutcome() == DeliveryOutcome.DELIVERED);
        assertThat(groupKeys).as("the interrupted group is sent again under its key").hasSize(3);
        assertThat(groupKeys.get(2)).isEqualTo(heldKey.get());
      } finally {
        killed.countDown();
        for (Process p : processes) {
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private Receiver.Response answer(Receiver.Request request) {
    if (!WebhookSigner.verify(SECRET, request.body(), request.header(WebhookSigner.HEADER))) {
      return Receiver.Response.of(401, "bad signature");
    }
    String key = request.header(WebhookSink.IDEMPOTENCY_HEADER);
    groupKeys.add(key);
    if (groupKeys.size() == 2) {
      // Hold this notification until the notifier is dead: it never learns of the acknowledgement.
      heldKey.set(key);
      holding.countDown();
      try {
        killed.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Receiver.Response.of(200, "");
    }
    try {
      JsonNode body = JSON.readTree(request.body());
      body.get("alerts")
          .forEach(a -> acked.merge(a.get("idempotencyKey").asText(), 1, Integer::sum));
    } catch (IOException e) {
      return Receiver.Response.of(400, "not JSON");
    }
    return Receiver.Response.of(200, "");
  }

  private void startNotifier(KafkaFixture kafka, String url, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                NotifierProcess.class.getName(),
                kafka.kafka.bootstrapServers(),
                url,
                SECRET,
                "group-fault",
                "grouped")
            .redirectError(log.toFile())
            .start();
    processes.add(process);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("notifier process output; log in " + log).isEqualTo("READY");
  }
}
