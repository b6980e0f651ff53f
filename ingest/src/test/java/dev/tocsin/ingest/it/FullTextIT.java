package dev.tocsin.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tocsin.ingest.IngestApp;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full-text feed's stories carry their article page's main text; a failed page keeps the feed's.
 */
class FullTextIT {

  private static final String ARTICLE =
      """
      <html><head><title>Shells shipped | Example News</title></head><body>
      <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
      <article><h1>Shells shipped by rail</h1>
      <p>Freight trains carried artillery shells from the Rajin port towards the border crossing
      at Tumangang over the past month, according to satellite imagery reviewed by analysts.</p>
      <p>The shipments, which resumed after a pause in the summer, were loaded onto Russian wagons
      at Khasan before travelling west, the analysts said in a report published on Tuesday.</p>
      <p>Officials in Seoul said the volume of munitions was the largest seen since the defence
      treaty between the two countries came into force.</p></article>
      <footer>Copyright Example News. All rights reserved. Contact us. Privacy policy.</footer>
      </body></html>
      """;

  @Test
  void shouldPublishTheArticleTextOfFullTextFeeds() throws Exception {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    String rss =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>"
            + base
            + "</link><description>d</description>"
            + "<item><title>Shells shipped by rail</title><link>"
            + base
            + "/article/1</link><description>Short teaser.</description></item>"
            + "<item><title>Page down</title><link>"
            + base
            + "/article/2</link><description>Teaser of a broken page.</description></item>"
            + "</channel></rss>";
    http.createContext("/feed", e -> respond(e, 200, "application/rss+xml", rss));
    http.createContext("/article/1", e -> respond(e, 200, "text/html; charset=utf-8", ARTICLE));
    http.createContext("/article/2", e -> respond(e, 500, "text/plain", "down"));
    http.start();
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(Path.of("target", "full-text-it-" + System.nanoTime()))) {
      KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
      Feed feed =
          Feed.newBuilder()
              .setUrl(base + "/feed")
              .setName("Full text")
              .setOutlet("Example News")
              .setFullText(true)
              .setPollIntervalSeconds(1)
              .build();
      try (IngestApp ingest =
          IngestApp.start(
              kafka,
              IngestScaleOutIT.fastSettings(),
              List.of(feed),
              "full-text-it",
              Clock.systemUTC())) {
        assertThat(ingest.awaitAssignment(Duration.ofSeconds(60))).isTrue();
        List<RawStory> stories =
            RawStories.readUntil(
                kafka,
                Topics.withPrefix(kafka.topicPrefix()).storiesRaw(),
                s -> s.size() >= 2,
                Duration.ofSeconds(60));
        RawStory article =
            stories.stream().filter(s -> s.getUrl().endsWith("/1")).findFirst().orElseThrow();
        RawStory broken =
            stories.stream().filter(s -> s.getUrl().endsWith("/2")).findFirst().orElseThrow();

        assertThat(article.getBody())
            .contains("Freight trains carried artillery shells", "defence treaty")
            .doesNotContain("Copyright", "Sport");
        assertThat(article.getSummary()).isEqualTo("Short teaser.");
        assertThat(broken.getBody()).isNull();
        assertThat(broken.getSummary()).isEqualTo("Teaser of a broken page.");
        assertThat(stories).hasSize(2);
      }
    } finally {
      http.stop(0);
    }
  }

  private static void respond(
      com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
      throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
