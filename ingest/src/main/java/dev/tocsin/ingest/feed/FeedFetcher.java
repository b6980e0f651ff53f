package dev.tocsin.ingest.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Fetches feed documents over HTTP with conditional GET, compression, timeouts and a size cap. */
public final class FeedFetcher {

  /** The User-Agent sent with every request. */
  public static final String USER_AGENT = "Tocsin/0.1 (news escalation monitor; feed reader)";

  private final HttpClient client;
  private final Duration requestTimeout;
  private final long maxBytes;

  /** Creates a fetcher with the given timeouts and body cap. */
  public FeedFetcher(Duration connectTimeout, Duration requestTimeout, long maxBytes) {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.maxBytes = maxBytes;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** Creates a fetcher with 10 s connect and 30 s total timeouts and a 10 MiB cap. */
  public static FeedFetcher defaults() {
    return new FeedFetcher(Duration.ofSeconds(10), Duration.ofSeconds(30), 10L * 1024 * 1024);
  }

  /**
   * Fetches a feed, sending the validators of the previous fetch; returns the response, which is
   * {@link FetchResult#notModified()} on 304.
   */
  public FetchResult fetch(URI url, String etag, String lastModified) throws FetchException {
    Objects.requireNonNull(url, "url");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("User-Agent", USER_AGENT)
            .header("Accept-Encoding", "gzip, deflate")
            .header(
                "Accept",
                "application/rss+xml, application/atom+xml, application/feed+json,"
                    + " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5");
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new FetchException(
          url, FetchException.Kind.TIMEOUT, null, "timed out: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new FetchException(
          url, FetchException.Kind.CONNECTION, null, "connection failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(url, FetchException.Kind.CONNECTION, null, "interrupted", e);
    }
    int status = response.statusCode();
    Optional<String> newEtag = response.headers().firstValue("ETag");
    Optional<String> newLastModified = response.headers().firstValue("Last-Modified");
    try (InputStream body = response.body()) {
      if (status == 304) {
        return new FetchResult(304, null, null, etag, lastModified);
      }
      if (status >= 400) {
        FetchException.Kind kind =
            status == 429 || status == 503
                ? FetchException.Kind.RATE_LIMITED
                : status >= 500 ? FetchException.Kind.HTTP_SERVER : FetchException.Kind.HTTP_CLIENT;
        Duration retryAfter =
            RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                .orElse(null);
        throw new FetchException(
            url,
            kind,
            status,
            "HTTP " + status + (retryAfter == null ? "" : ", Retry-After " + retryAfter),
            null,
            retryAfter);
      }
      String encoding =
          response.headers().firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT);
      byte[] bytes = readCapped(url, decode(body, encoding));
      return new FetchResult(
          status,
          bytes,
          response.headers().firstValue("Content-Type").orElse(null),
          newEtag.orElse(null),
          newLastModified.orElse(null));
    } catch (IOException e) {
      throw new FetchException(
          url, FetchException.Kind.CONNECTION, status, "reading the body failed: " + e, e);
    }
  }

  private static InputStream decode(InputStream body, String encoding) throws IOException {
    return switch (encoding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(body);
      case "deflate" -> new InflaterInputStream(body);
      default -> body;
    };
  }

  private byte[] readCapped(URI url, InputStream in) throws IOException, FetchException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new FetchException(
          url, FetchException.Kind.TOO_LARGE, 200, "body larger than " + maxBytes + " bytes", null);
    }
    return bytes;
  }
}
