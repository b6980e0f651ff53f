package dev.tocsin.ingest.feed;

import dev.tocsin.platform.http.RetryAfter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Fetches feed documents over HTTP with conditional GET, compression, a total deadline, a size cap
 * on the body as sent and as decompressed, and a redirect limit.
 *
 * <p>Every fetch ends within its deadline however the server behaves: a server that drips bytes
 * (slowloris), sends an endless body, a gzip bomb or a redirect loop ends as a {@link
 * FetchException} naming the reason ({@code timed out}, {@code body larger than}, {@code
 * decompressed body larger than}, {@code too many redirects}).
 */
public final class FeedFetcher {

  /** The User-Agent sent with every request. */
  public static final String USER_AGENT = "Tocsin/0.1 (news escalation monitor; feed reader)";

  /** Redirects followed by default before giving up. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  private final HttpClient client;
  private final Duration requestTimeout;
  private final long maxBytes;
  private final int maxRedirects;
  private final AddressGuard guard;

  /**
   * Creates a fetcher following at most {@link #DEFAULT_MAX_REDIRECTS} redirects.
   *
   * @param connectTimeout the limit for opening each connection
   * @param requestTimeout the deadline for the whole fetch: redirects, headers and the full body
   * @param maxBytes the largest body accepted, both as sent and after decompression
   */
  public FeedFetcher(Duration connectTimeout, Duration requestTimeout, long maxBytes) {
    this(connectTimeout, requestTimeout, maxBytes, DEFAULT_MAX_REDIRECTS);
  }

  /**
   * Creates a fetcher following at most {@code maxRedirects} redirects per fetch, to any address:
   * for tools run by hand. Services use {@link #FeedFetcher(Duration, Duration, long, int,
   * AddressGuard)}.
   */
  public FeedFetcher(
      Duration connectTimeout, Duration requestTimeout, long maxBytes, int maxRedirects) {
    this(connectTimeout, requestTimeout, maxBytes, maxRedirects, AddressGuard.permissive());
  }

  /**
   * Creates a fetcher that asks {@code guard} before the first request and before every redirect,
   * so that neither a feed URL nor a redirect reaches a private address.
   */
  public FeedFetcher(
      Duration connectTimeout,
      Duration requestTimeout,
      long maxBytes,
      int maxRedirects,
      AddressGuard guard) {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    if (maxBytes < 1 || maxRedirects < 0) {
      throw new IllegalArgumentException(
          "maxBytes must be positive and maxRedirects not negative: "
              + maxBytes
              + ", "
              + maxRedirects);
    }
    this.maxBytes = maxBytes;
    this.maxRedirects = maxRedirects;
    // Redirects are followed here, not by the client, to count them against our own limit and
    // deadline.
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
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
    long deadline = System.nanoTime() + requestTimeout.toNanos();
    URI target = url;
    for (int redirects = 0; ; redirects++) {
      guard.check(target);
      HttpResponse<byte[]> response =
          send(url, request(target, etag, lastModified, deadline), deadline);
      int status = response.statusCode();
      if (!isRedirect(status)) {
        return result(url, response, etag, lastModified);
      }
      Optional<String> location = response.headers().firstValue("Location");
      if (location.isEmpty()) {
        throw new FetchException(
            url,
            FetchException.Kind.HTTP_CLIENT,
            status,
            "HTTP " + status + " without Location",
            null);
      }
      try {
        target = target.resolve(location.get().strip());
      } catch (IllegalArgumentException e) {
        throw new FetchException(
            url,
            FetchException.Kind.HTTP_CLIENT,
            status,
            "bad redirect Location: " + location.get(),
            e);
      }
      if (redirects >= maxRedirects) {
        throw new FetchException(
            url,
            FetchException.Kind.HTTP_CLIENT,
            status,
            "too many redirects (more than " + maxRedirects + "), the last to " + target,
            null);
      }
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private HttpRequest request(URI target, String etag, String lastModified, long deadline) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
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
    return request.GET().build();
  }

  /** Sends one request and reads its body, both within the deadline and the size cap. */
  private HttpResponse<byte[]> send(URI url, HttpRequest request, long deadline)
      throws FetchException {
    CappedBodyHandler handler = new CappedBodyHandler(maxBytes);
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, handler);
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      handler.cancel();
      future.cancel(true);
      throw new FetchException(
          url,
          FetchException.Kind.TIMEOUT,
          null,
          "timed out: no complete response within " + requestTimeout,
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BodyTooLargeException) {
        throw new FetchException(
            url,
            FetchException.Kind.TOO_LARGE,
            handler.status(),
            "body larger than " + maxBytes + " bytes",
            cause);
      }
      if (cause instanceof HttpTimeoutException) {
        throw new FetchException(
            url, FetchException.Kind.TIMEOUT, null, "timed out: " + cause.getMessage(), cause);
      }
      throw new FetchException(
          url,
          FetchException.Kind.CONNECTION,
          handler.status(),
          "connection failed: " + cause,
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handler.cancel();
      future.cancel(true);
      throw new FetchException(url, FetchException.Kind.CONNECTION, null, "interrupted", e);
    }
  }

  private FetchResult result(
      URI url, HttpResponse<byte[]> response, String etag, String lastModified)
      throws FetchException {
    int status = response.statusCode();
    Optional<String> newEtag = response.headers().firstValue("ETag");
    Optional<String> newLastModified = response.headers().firstValue("Last-Modified");
    try {
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
      byte[] bytes = decompressCapped(url, response.body(), encoding);
      return new FetchResult(
          status,
          bytes,
          response.headers().firstValue("Content-Type").orElse(null),
          newEtag.orElse(null),
          newLastModified.orElse(null));
    } catch (IOException e) {
      throw new FetchException(
          url, FetchException.Kind.CONNECTION, status, "decoding the body failed: " + e, e);
    }
  }

  private byte[] decompressCapped(URI url, byte[] body, String encoding)
      throws IOException, FetchException {
    if (!encoding.equals("gzip") && !encoding.equals("x-gzip") && !encoding.equals("deflate")) {
      return body;
    }
    try (InputStream in = decode(new ByteArrayInputStream(body), encoding)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new FetchException(
            url,
            FetchException.Kind.TOO_LARGE,
            200,
            "decompressed body larger than " + maxBytes + " bytes",
            null);
      }
      return bytes;
    }
  }

  private static InputStream decode(InputStream body, String encoding) throws IOException {
    return switch (encoding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(body);
      case "deflate" -> new InflaterInputStream(body);
      default -> body;
    };
  }

  /** Signals that a body went over the cap; the subscription was cancelled. */
  private static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long maxBytes) {
      super("body larger than " + maxBytes + " bytes");
    }
  }

  /** Collects a body up to a cap; can be cancelled from outside when the deadline passes. */
  private static final class CappedBodyHandler implements HttpResponse.BodyHandler<byte[]> {
    private final long maxBytes;
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile Integer status;

    CappedBodyHandler(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    Integer status() {
      return status;
    }

    void cancel() {
      Flow.Subscription current = subscription.get();
      if (current != null) {
        current.cancel();
      }
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
      status = info.statusCode();
      return new HttpResponse.BodySubscriber<>() {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public CompletionStage<byte[]> getBody() {
          return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription.set(s);
          s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
          for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > maxBytes) {
              subscription.get().cancel();
              body.completeExceptionally(new BodyTooLargeException(maxBytes));
              return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
          }
          subscription.get().request(1);
        }

        @Override
        public void onError(Throwable error) {
          body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
          body.complete(bytes.toByteArray());
        }
      };
    }
  }
}
