package dev.tocsin.ingest.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves RSS feeds at {@code /feed/<n>} that keep changing: every tick each feed publishes one more
 * item, and some items are edited a few ticks after they appear. What a feed holds follows from the
 * tick alone, so a test can compute what ingest must have published.
 */
final class ChangingFeedServer implements AutoCloseable {

  /** How many of the newest items a feed document lists. */
  static final int WINDOW = 400;

  private static final Instant EPOCH = Instant.parse("2026-11-01T00:00:00Z");

  private final HttpServer server;
  private final AtomicInteger tick = new AtomicInteger(1);
  private final ScheduledExecutorService ticker;

  private ChangingFeedServer(HttpServer server, Duration tickEvery) {
    this.server = server;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "changing-feeds-tick");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        tick::incrementAndGet, tickEvery.toMillis(), tickEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  static ChangingFeedServer start(Duration tickEvery) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    ChangingFeedServer feeds = new ChangingFeedServer(server, tickEvery);
    server.createContext("/feed/", feeds::serve);
    server.start();
    return feeds;
  }

  String url(int feed) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + feed;
  }

  /** Stops the feeds changing and returns the last tick. */
  int freeze() {
    ticker.shutdownNow();
    return tick.get();
  }

  /** Returns every item's link and final title at {@code atTick}, for feeds 0..feeds-1. */
  Map<String, String> expectedItems(int feeds, int atTick) {
    Map<String, String> items = new LinkedHashMap<>();
    for (int f = 0; f < feeds; f++) {
      for (int i = 0; i < atTick; i++) {
        items.put(link(f, i), title(f, i, atTick));
      }
    }
    return items;
  }

  private void serve(HttpExchange exchange) throws IOException {
    int feed;
    try {
      feed = Integer.parseInt(exchange.getRequestURI().getPath().substring("/feed/".length()));
    } catch (NumberFormatException e) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    try (exchange) {
      int now = tick.get();
      StringBuilder rss = new StringBuilder();
      rss.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
          .append("<title>Changing feed ")
          .append(feed)
          .append("</title><link>http://example.org/</link><description>test</description>");
      for (int i = now - 1; i >= Math.max(0, now - WINDOW); i--) {
        rss.append("<item><title>")
            .append(title(feed, i, now))
            .append("</title><link>")
            .append(link(feed, i))
            .append("</link><description>Body of item ")
            .append(i)
            .append(" of feed ")
            .append(feed)
            .append("</description><pubDate>")
            .append(
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    EPOCH.plusSeconds(60L * i).atZone(java.time.ZoneOffset.UTC)))
            .append("</pubDate></item>");
      }
      rss.append("</channel></rss>");
      byte[] body = rss.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static String link(int feed, int item) {
    return "https://news.example.org/feed-" + feed + "/item-" + item;
  }

  /** Every seventh item is edited three ticks after it appears. */
  static String title(int feed, int item, int atTick) {
    boolean edited = item % 7 == 3 && atTick >= item + 4;
    return "Feed " + feed + " item " + item + (edited ? " (updated)" : "");
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.stop(0);
  }
}
