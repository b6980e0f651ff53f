package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.KafkaFixture.await;
import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EscalationAlert;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A receiver that is down, then answers 500, then 429 with Retry-After, then recovers; the
 * notifier, in a JVM of its own, is killed (SIGKILL) while a delivery is in flight and started
 * again. Every alert version must be acknowledged exactly once, and none lost.
 */
class NotifierFaultIT {

  private static final String SECRET = "fault-secret";
  private static final int SERVER_ERRORS = 3;
  private static final int RATE_LIMITS = 3;
  private static final int ACKS_BEFORE_KILL = 4;

  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger acks = new AtomicInteger();
  private final Map<String, Integer> acked = new ConcurrentHashMap<>();
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch killed = new CountDownLatch(1);
  private final List<Process> processes = new ArrayList<>();

  @Test
  void shouldDeliverEveryAlertExactlyOnceWhenReceiverFailsAndNotifierIsKilled() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "fault-it"));
    try (KafkaFixture kafka = KafkaFixture.start("fault-it")) {
      int port = EmbeddedKafkaBroker.freePort();
      String url = "http://127.0.0.1:" + port + "/hook";
      List<EscalationAlert> first = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        first.add(alert("f" + i, 1, AlertStatus.FIRING, AlertLevel.HIGH));
      }
      first.add(alert("f0", 2, AlertStatus.UPDATED, AlertLevel.CRITICAL));
      first.add(alert("f1", 2, AlertStatus.RESOLVED, AlertLevel.HIGH));
      kafka.send(first.toArray(EscalationAlert[]::new));

      try {
        // Down: every connection is reset.
        ServerSocket down = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread resetter = resetConnections(down);
        try {
          Process notifier = startNotifier(kafka, url, logs.resolve("notifier-1.log"));
          await(
              Duration.ofSeconds(60),
              "the notifier tries the down receiver",
              () -> resets.get() >= 3);
          assertThat(notifier.isAlive()).isTrue();
        } finally {
          down.close();
          resetter.join();
        }

        try (Receiver receiver = Receiver.start(port).answering(this::answer)) {
          assertThat(holding.await(90, TimeUnit.SECONDS))
              .as("a delivery is in flight after %d acknowledgements", ACKS_BEFORE_KILL)
              .isTrue();
          Process dead = processes.get(0);
          dead.destroyForcibly();
          assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
          killed.countDown();
          assertThat(acked).hasSize(ACKS_BEFORE_KILL);

          List<EscalationAlert> second =
              List.of(
                  alert("g0", 1, AlertStatus.FIRING, AlertLevel.ELEVATED),
                  alert("g1", 1, AlertStatus.FIRING, AlertLevel.CRITICAL),
                  alert("f2", 2, AlertStatus.RESOLVED, AlertLevel.HIGH),
                  alert("g2", 1, AlertStatus.FIRING, AlertLevel.INFO));
          kafka.send(second.toArray(EscalationAlert[]::new));
          startNotifier(kafka, url, logs.resolve("notifier-2.log"));

          Set<String> expected =
              java.util.stream.Stream.concat(first.stream(), second.stream())
                  .map(WebhookSink::alertVersionKey)
                  .collect(Collectors.toSet());
          await(
              Duration.ofSeconds(120),
              "every alert version is acknowledged",
              () -> acked.keySet().containsAll(expected));
          List<DeliveryReceipt> receipts =
              kafka.readUntil(kafka.topics.deliveries(), all -> all.size() >= expected.size());

          assertThat(receipts).hasSize(expected.size());
          assertThat(receipts).allMatch(r -> r.getOutcome() == DeliveryOutcome.DELIVERED);
          assertThat(receipts)
              .extracting(DeliveryReceipt::getIdempotencyKey)
              .doesNotHaveDuplicates();
          assertThat(acked.keySet()).isEqualTo(expected);
          assertThat(acked).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
          assertThat(requests.get())
              .as("failed, rate-limited, held and acknowledged requests")
              .isGreaterThanOrEqualTo(SERVER_ERRORS + RATE_LIMITS + 1 + expected.size());
          assertThat(kafka.readUntil(kafka.topics.alertsDlq(), all -> true)).isEmpty();
          assertThat(receiver.requests()).hasSize(requests.get());
        }
      } finally {
        killed.countDown();
        for (Process p : processes) {
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private final AtomicInteger resets = new AtomicInteger();

  private Thread resetConnections(ServerSocket down) {
    Thread t =
        new Thread(
            () -> {
              while (!down.isClosed()) {
                try (Socket s = down.accept()) {
                  s.setSoLinger(true, 0);
                  resets.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "down-receiver");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private Receiver.Response answer(Receiver.Request request) {
    int n = requests.incrementAndGet();
    if (!WebhookSigner.verify(SECRET, request.body(), request.header(WebhookSigner.HEADER))) {
      return Receiver.Response.of(401, "bad signature");
    }
    if (n <= SERVER_ERRORS) {
      return Receiver.Response.of(500, "internal error");
    }
    if (n <= SERVER_ERRORS + RATE_LIMITS) {
      return new Receiver.Response(429, Map.of("Retry-After", "1"), "slow down");
    }
    if (acks.get() == ACKS_BEFORE_KILL && holding.getCount() > 0) {
      // Hold this delivery until the notifier is dead: it never learns of an acknowledgement.
      holding.countDown();
      try {
        killed.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Receiver.Response.of(200, "");
    }
    acks.incrementAndGet();
    acked.merge(request.header(WebhookSink.IDEMPOTENCY_HEADER), 1, Integer::sum);
    return Receiver.Response.of(200, "");
  }

  private Process startNotifier(KafkaFixture kafka, String url, Path log) throws Exception {
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
                "fault")
            .redirectError(log.toFile())
            .start();
    processes.add(process);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("notifier process output; log in " + log).isEqualTo("READY");
    return process;
  }
}
