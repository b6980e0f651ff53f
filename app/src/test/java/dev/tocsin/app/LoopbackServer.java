package dev.tocsin.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/** A real HTTP server on the loopback interface serving fixed documents by path. */
final class LoopbackServer implements AutoCloseable {

  /** A document served at a path. */
  record Document(String contentType, byte[] body) {}

  private final HttpServer server;

  LoopbackServer(Map<String, Document> documents) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Document document = documents.get(exchange.getRequestURI().getPath());
          try (exchange) {
            if (document == null) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            exchange.getResponseHeaders().set("Content-Type", document.contentType());
            exchange.sendResponseHeaders(200, document.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(document.body());
            }
          }
        });
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
