package dev.tocsin.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Serves the bundled sample feeds on a loopback HTTP port, with ETags for conditional GET. */
final class DemoFeedServer implements AutoCloseable {

  static final List<String> FILES =
      List.of(
          "atlantic-monitor.rss.xml",
          "global-wire-daily.atom.xml",
          "ria-vestnik.rss.xml",
          "hanbando-ilbo.rss.xml",
          "world-briefing.json");

  private final HttpServer server;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

  private DemoFeedServer(HttpServer server) {
    this.server = server;
  }

  /** Starts the server on a free loopback port. */
  static DemoFeedServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      DemoFeedServer feeds = new DemoFeedServer(server);
      for (String file : FILES) {
        try (InputStream in = DemoFeedServer.class.getResourceAsStream("/demo/feeds/" + file)) {
          if (in == null) {
            throw new IllegalStateException("bundled demo feed missing: " + file);
          }
          feeds.bodies.put(file, in.readAllBytes());
        }
      }
      server.createContext("/feeds/", feeds::handle);
      server.start();
      return feeds;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the demo feed server", e);
    }
  }

  /** Returns the URL of a bundled feed. */
  String url(String file) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/" + file;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String file = exchange.getRequestURI().getPath().substring("/feeds/".length());
      byte[] body = bodies.get(file);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String etag = "\"" + HexFormat.of().toHexDigits(java.util.Arrays.hashCode(body)) + "\"";
      exchange.getResponseHeaders().set("ETag", etag);
      if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      exchange
          .getResponseHeaders()
          .set(
              "Content-Type",
              file.endsWith(".json")
                  ? "application/feed+json; charset=utf-8"
                  : file.contains(".atom")
                      ? "application/atom+xml; charset=utf-8"
                      : "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
