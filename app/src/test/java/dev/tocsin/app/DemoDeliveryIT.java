package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.alerting.notify.SinkConfig;
import dev.tocsin.alerting.notify.WebhookSigner;
import dev.tocsin.platform.kafka.KafkaSettings;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Runs the demo pipeline with a webhook sink: the seed's alert reaches a real HTTP receiver. */
class DemoDeliveryIT {

  private static final String SECRET = "demo-secret";

  @Test
  void shouldDeliverSeedAlertToWebhookWhenDemoRunsWithOne() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            boolean signed =
                WebhookSigner.verify(
                    SECRET, body, exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER));
            if (signed) {
              bodies.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(signed ? 204 : 401, -1);
          }
        });
    receiver.start();
    Path dataDir = Files.createTempDirectory(Path.of("target"), "demo-delivery-it");
    try (Pipeline pipeline = new Pipeline();
        DemoFeedServer feeds = DemoFeedServer.start()) {
      KafkaSettings kafka = pipeline.kafka(null, dataDir, 0);
      URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      pipeline.notifier(
          NotifierSettings.toAll(List.of(new SinkConfig.Webhook("webhook", hook, SECRET, null))));
      DemoPipelineIT.assertSeedAlertsOnce(pipeline, kafka, feeds, dataDir);

      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (bodies.stream().noneMatch(b -> b.contains(DemoPipelineIT.SEED_TITLE))) {
        assertThat(System.nanoTime()).as("seed alert delivered within 60 s").isLessThan(deadline);
        Thread.sleep(100);
      }
      // The development's alert is notified as it is raised and as it escalates, each version
      // once.
      assertThat(bodies.stream().filter(b -> b.contains(DemoPipelineIT.SEED_TITLE)))
          .as("the seed's alert, each version once")
          .doesNotHaveDuplicates();
    } finally {
      receiver.stop(0);
    }
  }
}
