package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Points {@link FeedFetcher} at real loopback servers that misbehave on purpose; every fetch must
 * end promptly with a specific, readable {@link FetchException}.
 */
class FeedFetcherHostileServerTest {

  private static final Duration DEADLINE = Duration.ofMillis(1500);
  private static final long CAP = 256 * 1024;

  /** How long past the deadline a fetch may take on a busy machine and still count as prompt. */
  private static final Duration SLACK = Duration.ofSeconds(5);

  private final FeedFetcher fetcher = new FeedFetcher(Duration.ofSeconds(2), DEADLINE, CAP, 3);
  private HttpServer server;
  private ExecutorService threads;

  @BeforeEach
  void startServer() throws IOException {
    threads = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.start();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.stop(0);
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldTimeOutWhenTheServerDripsTheBody() throws Exception {
    server.createContext(
        "/slow",
        exchange -> {
          exchange.sendResponseHeaders(200, 100_000);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 100_000; i++) {
              out.write('<');
              out.flush();
              Thread.sleep(50);
            }
          } catch (IOException | InterruptedException e) {
            // The client hung up, as it should.
          }
        });

    FetchException e = fetchFailing(uri("/slow"));

    assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
    assertThat(e.getMessage()).contains("/slow").contains("timed out");
  }

  @Test
  void shouldTimeOutWhenTheServerDripsTheHeaders() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      threads.submit(
          () -> {
            try (Socket socket = raw.accept();
                OutputStream out = socket.getOutputStream()) {
              for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(100);
              }
              while (true) {
                out.write('a');
                out.flush();
                Thread.sleep(100);
              }
            } catch (IOException | InterruptedException e) {
              return null;
            }
          });

      FetchException e =
          fetchFailing(URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/feed"));

      assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
      assertThat(e.getMessage()).contains("timed out");
    }
  }

  @Test
  void shouldStopReadingWhenTheBodyNeverEnds() throws Exception {
    server.createContext(
        "/endless",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked, no length
          byte[] chunk = "<item>spam</item>".repeat(1000).getBytes(StandardCharsets.US_ASCII);
          try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
              out.write(chunk);
            }
          } catch (IOException e) {
            // The client hung up, as it should.
          }
        });

    FetchException e = fetchFailing(uri("/endless"));

    assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
    assertThat(e.getMessage()).contains("body larger than " + CAP + " bytes");
    assertThat(e.getMessage()).doesNotContain("decompressed");
  }

  @Test
  void shouldStopInflatingAGzipBomb() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gzip.write(zeros);
      }
    }
    byte[] bomb = compressed.toByteArray();
    assertThat(bomb.length).as("the bomb is small on the wire").isLessThan((int) CAP);
    server.createContext(
        "/bomb",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Encoding", "gzip");
          exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, bomb.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bomb);
          }
        });

    FetchException e = fetchFailing(uri("/bomb"));

    assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
    assertThat(e.getMessage()).contains("decompressed body larger than " + CAP + " bytes");
  }

  @Test
  void shouldGiveUpOnARedirectLoop() throws Exception {
    server.createContext(
        "/loop",
        exchange -> {
          String next =
              exchange.getRequestURI().getPath().equals("/loop/a") ? "/loop/b" : "/loop/a";
          exchange.getResponseHeaders().set("Location", next);
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });

    FetchException e = fetchFailing(uri("/loop/a"));

    assertThat(e.kind()).isEqualTo(FetchException.Kind.HTTP_CLIENT);
    assertThat(e.status()).isEqualTo(302);
    assertThat(e.getMessage()).contains("too many redirects (more than 3)");
  }

  @Test
  void shouldFollowAFewRedirectsToTheFeed() throws Exception {
    server.createContext(
        "/moved",
        exchange -> {
          exchange.getResponseHeaders().set("Location", "/feed");
          exchange.sendResponseHeaders(301, -1);
          exchange.close();
        });
    server.createContext(
        "/feed",
        exchange -> {
          byte[] body = "<rss version=\"2.0\"><channel/></rss>".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("ETag", "\"v1\"");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });

    FetchResult result = fetcher.fetch(uri("/moved"), null, null);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.etag()).isEqualTo("\"v1\"");
    assertThat(new String(result.body(), StandardCharsets.UTF_8)).contains("<rss");
  }

  private FetchException fetchFailing(URI uri) {
    long start = System.nanoTime();
    FetchException e =
        catchThrowableOfType(FetchException.class, () -> fetcher.fetch(uri, null, null));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(e).as("a FetchException from " + uri).isNotNull();
    assertThat(took).as("time to fail").isLessThan(DEADLINE.plus(SLACK));
    assertThat(e.url()).isEqualTo(uri);
    return e;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }
}
