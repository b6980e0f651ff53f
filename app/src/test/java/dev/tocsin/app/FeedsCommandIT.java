package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tocsin.ingest.IngestApp;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FeedsCommandIT {

  private static final String RSS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Good</title><link>http://example.org/</link>
      <description>d</description>
      <item><title>One</title><link>https://example.org/one</link>
      <pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>
      </channel></rss>
      """;

  @Test
  void shouldAddListReportAndRemoveFeedsAtRuntime() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "feeds-it");
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/good",
        e -> {
          byte[] body = RSS.getBytes(StandardCharsets.UTF_8);
          e.getResponseHeaders().set("Content-Type", "application/rss+xml");
          e.sendResponseHeaders(200, body.length);
          e.getResponseBody().write(body);
          e.close();
        });
    http.createContext(
        "/broken",
        e -> {
          e.sendResponseHeaders(500, -1);
          e.close();
        });
    http.start();
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    Path file = dir.resolve("feeds.yaml");
    Files.writeString(
        file,
        "feeds:\n  - url: "
            + base
            + "/broken\n    name: Broken Feed\n    outlet: Nowhere\n    pollIntervalSeconds: 1\n");
    // The test's feeds are on loopback, which feeds add refuses unless allowed, as ingest does.
    Path config = dir.resolve("tocsin.yaml");
    Files.writeString(config, "ingest:\n  allowed_addresses: loopback\n");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      String bootstrap = broker.bootstrapServers();
      String added =
          run(
              0,
              "feeds",
              "add",
              base + "/good",
              "--name",
              "Good Feed",
              "--language",
              "en",
              "--interval",
              "1s",
              "--tag",
              "state-media:RUS",
              "--config",
              config.toString(),
              "--bootstrap-servers",
              bootstrap);
      run(
          0,
          "feeds",
          "add",
          "--file",
          file.toString(),
          "--config",
          config.toString(),
          "--bootstrap-servers",
          bootstrap);
      String list = run(0, "feeds", "list", "--bootstrap-servers", bootstrap);

      assertThat(added).contains("Added " + base + "/good");
      assertThat(list).contains("Good Feed", "state-media:RUS", "Broken Feed", "2 feeds");

      KafkaSettings kafka = KafkaSettings.local(bootstrap);
      try (IngestApp ingest =
          IngestApp.start(
              kafka, DemoFeeds.ingestSettings(1), List.of(), "feeds-it", Clock.systemUTC())) {
        assertThat(ingest.awaitAssignment(Duration.ofSeconds(60))).isTrue();
        String status = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(status.contains("OK") && status.contains("FAILING"))
            && System.nanoTime() < deadline) {
          Thread.sleep(500);
          status = run(0, "feeds", "status", "--bootstrap-servers", bootstrap);
        }
        System.out.println(status);
        assertThat(status).contains("FAILING", "HTTP 500", "OK", "1 failing");
      }

      assertThat(run(0, "feeds", "remove", base + "/broken", "--bootstrap-servers", bootstrap))
          .contains("Removed");
      assertThat(run(0, "feeds", "list", "--bootstrap-servers", bootstrap))
          .doesNotContain("Broken Feed")
          .contains("1 feeds");
      run(1, "feeds", "remove", base + "/broken", "--bootstrap-servers", bootstrap);
    } finally {
      http.stop(0);
    }
  }

  private static String run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(expectedExit);
    return out.toString();
  }
}
