package dev.tocsin.alerting.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A real HTTP receiver on loopback (the JDK's HttpServer) that records what it is sent. */
final class Receiver implements AutoCloseable {

  /** One request as received. */
  record Request(String method, String path, Headers headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** What to answer. */
  record Response(int status, Map<String, String> headers, String body) {
    static Response of(int status, String body) {
      return new Response(status, Map.of(), body);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> answer = r -> Response.of(200, "ok");

  private Receiver(HttpServer server) {
    this.server = server;
  }

  /** Starts a receiver on a free loopback port. */
  static Receiver start() throws IOException {
    return start(0);
  }

  /** Starts a receiver on {@code port} of the loopback interface. */
  static Receiver start(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    Receiver receiver = new Receiver(server);
    server.createContext("/", receiver::handle);
    server.start();
    return receiver;
  }

  /** Answers every following request with {@code answer}. */
  Receiver answering(Function<Request, Response> answer) {
    this.answer = answer;
    return this;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders(),
              body);
      requests.add(request);
      Response response = answer.apply(request);
      response.headers().forEach(exchange.getResponseHeaders()::add);
      byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
