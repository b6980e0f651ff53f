package dev.tocsin.platform.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Serves {@code /health/live}, {@code /health/ready} and {@code /metrics} (Prometheus text) for the
 * services running in this JVM.
 */
public final class ManagementServer implements AutoCloseable {

  /** Threads serving requests; the console keeps its live streams well below this. */
  public static final int THREADS = 24;

  private static final java.util.concurrent.atomic.AtomicInteger THREAD_IDS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final HttpServer server;
  private final PrometheusMeterRegistry registry;
  private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();

  private ManagementServer(HttpServer server, PrometheusMeterRegistry registry) {
    this.server = server;
    this.registry = registry;
  }

  /** Starts the server on {@code address} (port 0 picks a free one). */
  public static ManagementServer start(
      InetSocketAddress address, PrometheusMeterRegistry registry) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(registry, "registry");
    try {
      HttpServer server = HttpServer.create(address, 0);
      ManagementServer management = new ManagementServer(server, registry);
      server.createContext("/health/live", e -> management.respond(e, 200, "text/plain", "UP\n"));
      server.createContext("/health/ready", management::ready);
      server.createContext(
          "/metrics",
          e ->
              management.respond(
                  e, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
      // Several threads: the console's live streams hold theirs for as long as a page is open.
      server.setExecutor(Executors.newFixedThreadPool(THREADS, r -> daemon(r)));
      server.start();
      return management;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start the management server on " + address + " (set TOCSIN_MANAGEMENT_ADDRESS)",
          e);
    }
  }

  /** Adds a readiness check. */
  public void addCheck(ReadinessCheck check) {
    checks.add(Objects.requireNonNull(check, "check"));
  }

  /**
   * Serves {@code path} and everything under it that no other handler claims with {@code handler},
   * e.g. the operator console at {@code /}.
   */
  public void handle(String path, HttpHandler handler) {
    server.createContext(Objects.requireNonNull(path, "path"), handler);
  }

  /** Returns the address the server listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Returns the problems of the checks that fail, by check name; empty when ready. */
  public Map<String, String> problems() {
    java.util.LinkedHashMap<String, String> problems = new java.util.LinkedHashMap<>();
    for (ReadinessCheck check : checks) {
      String problem;
      try {
        problem = check.problem();
      } catch (RuntimeException e) {
        problem = e.toString();
      }
      if (problem != null) {
        problems.put(check.name(), problem);
      }
    }
    return problems;
  }

  private void ready(HttpExchange exchange) throws IOException {
    Map<String, String> problems = problems();
    StringBuilder body = new StringBuilder(problems.isEmpty() ? "READY\n" : "NOT READY\n");
    for (ReadinessCheck check : checks) {
      String problem = problems.get(check.name());
      body.append(check.name()).append(": ").append(problem == null ? "ok" : problem).append('\n');
    }
    respond(exchange, problems.isEmpty() ? 200 : 503, "text/plain", body.toString());
  }

  private void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "tocsin-management-" + THREAD_IDS.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
