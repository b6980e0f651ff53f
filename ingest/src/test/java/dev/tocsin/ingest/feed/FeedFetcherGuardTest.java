package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher asks its address guard before the first request and before every redirect. */
class FeedFetcherGuardTest {

  private HttpServer server;
  private final AtomicInteger hitsOnSecondAddress = new AtomicInteger();
  private int port;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
    server.createContext(
        "/redirect",
        e -> {
          e.getResponseHeaders().set("Location", "http://127.0.0.2:" + port + "/internal");
          e.sendResponseHeaders(302, -1);
          e.close();
        });
    server.createContext(
        "/internal",
        e -> {
          hitsOnSecondAddress.incrementAndGet();
          byte[] body = "<rss version=\"2.0\"><channel/></rss>".getBytes(StandardCharsets.UTF_8);
          e.sendResponseHeaders(200, body.length);
          e.getResponseBody().write(body);
          e.close();
        });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldRefuseAPrivateFeedUrlWithoutConnecting() {
    FeedFetcher fetcher = fetcher(AddressGuard.strict());

    assertThatThrownBy(
            () -> fetcher.fetch(URI.create("http://127.0.0.2:" + port + "/internal"), null, null))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("non-public address 127.0.0.2")
        .satisfies(
            e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.BLOCKED));
    assertThat(hitsOnSecondAddress).hasValue(0);
  }

  @Test
  void shouldRefuseARedirectToAnAddressNotAllowlisted() {
    FeedFetcher fetcher = fetcher(AddressGuard.allowing(List.of("127.0.0.1/32")));

    assertThatThrownBy(
            () -> fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/redirect"), null, null))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("127.0.0.2");
    assertThat(hitsOnSecondAddress).hasValue(0);
  }

  @Test
  void shouldFollowARedirectWithinTheAllowlist() throws Exception {
    FeedFetcher fetcher = fetcher(AddressGuard.allowing(List.of("loopback")));

    FetchResult result =
        fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/redirect"), null, null);

    assertThat(result.status()).isEqualTo(200);
    assertThat(hitsOnSecondAddress).hasValue(1);
  }

  private static FeedFetcher fetcher(AddressGuard guard) {
    return new FeedFetcher(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 5, guard);
  }
}
