package dev.tocsin.ingest.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.ingest.IngestApp;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.ingest.poll.PollPolicy;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Feed;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polling throughput: one ingest instance against a local HTTP server serving many feeds with a mix
 * of answers (new items, 304 Not Modified, slow, failing), on the embedded broker. Run on demand:
 * {@code bench/polling.sh [FEEDS] [SECONDS] [WORKERS]}.
 */
public final class PollingBenchmark {

  private static final AtomicLong OK = new AtomicLong();
  private static final AtomicLong NOT_MODIFIED = new AtomicLong();
  private static final AtomicLong SLOW = new AtomicLong();
  private static final AtomicLong FAILED = new AtomicLong();

  private PollingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(64));
    server.createContext("/feed/", PollingBenchmark::serve);
    server.start();
    int port = server.getAddress().getPort();
    Path dir = Path.of("target", "polling-bench-" + System.nanoTime());
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
      List<Feed> registry = new ArrayList<>();
      for (int i = 0; i < feeds; i++) {
        // Five feeds per host, on 127.x.y.z: every address of 127/8 reaches the loopback.
        int host = i / 5;
        String address = "127.1." + (host / 250) + "." + (host % 250 + 1);
        registry.add(
            Feed.newBuilder()
                .setUrl("http://" + address + ":" + port + "/feed/" + i)
                .setName("Bench " + i)
                .setOutlet("Bench outlet " + host)
                .setPollIntervalSeconds(30)
                .build());
      }
      IngestSettings settings =
          new IngestSettings(
              new PollPolicy(
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(60),
                  Duration.ofSeconds(60)),
              workers,
              2,
              Duration.ofSeconds(5),
              Duration.ofSeconds(10),
              10L * 1024 * 1024,
              List.of("127.0.0.0/8"));
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long start = System.nanoTime();
      try (IngestApp ingest =
          IngestApp.start(kafka, settings, registry, "bench", Clock.systemUTC())) {
        ingest.awaitAssignment(Duration.ofMinutes(2));
        long measureFrom = System.nanoTime();
        int pollsBefore = ingest.completedPolls();
        long peakHeap = 0;
        for (int s = 0; s < seconds; s++) {
          Thread.sleep(1_000);
          peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
          if ((s + 1) % 10 == 0) {
            System.out.printf(
                Locale.ROOT, "  %3d s: %d polls%n", s + 1, ingest.completedPolls() - pollsBefore);
          }
        }
        int polls = ingest.completedPolls() - pollsBefore;
        double minutes = (System.nanoTime() - measureFrom) / 60e9;
        System.gc();
        long retained = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(
            Locale.ROOT,
            "feeds=%d workers=%d cores=%d: %.0f feeds/min (%d polls in %.1f min, startup %.1f s);"
                + " answers 200=%d 304=%d slow=%d 500=%d; heap peak %d MiB, after GC %d MiB,"
                + " max %d MiB%n",
            feeds,
            workers,
            Runtime.getRuntime().availableProcessors(),
            polls / minutes,
            polls,
            minutes,
            (measureFrom - start) / 1e9,
            OK.get(),
            NOT_MODIFIED.get(),
            SLOW.get(),
            FAILED.get(),
            peakHeap >> 20,
            retained >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
      }
    } finally {
      server.stop(0);
    }
  }

  /**
   * Feed i answers by i mod 20: 0 fails with 500, 1 is slow (2 s), 2-7 answer 304 to a conditional
   * GET, the rest publish a new item every 30 s.
   */
  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      int feed = Integer.parseInt(exchange.getRequestURI().getPath().substring("/feed/".length()));
      int kind = feed % 20;
      if (kind == 0) {
        FAILED.incrementAndGet();
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      if (kind == 1) {
        SLOW.incrementAndGet();
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      long epoch = System.currentTimeMillis() / 30_000;
      String etag = "\"" + feed + "-" + (kind >= 2 && kind <= 7 ? 0 : epoch) + "\"";
      if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        NOT_MODIFIED.incrementAndGet();
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      OK.incrementAndGet();
      StringBuilder rss =
          new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed ")
              .append(feed)
              .append("</title><link>http://example.org/</link><description>d</description>");
      for (long i = epoch; i > epoch - 20; i--) {
        rss.append("<item><title>Feed ")
            .append(feed)
            .append(" story ")
            .append(i)
            .append("</title><link>https://example.org/")
            .append(feed)
            .append('/')
            .append(i)
            .append("</link><description>")
            .append("Body text of a story of realistic length. ".repeat(20))
            .append("</description></item>");
      }
      rss.append("</channel></rss>");
      byte[] body = rss.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("ETag", etag);
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
