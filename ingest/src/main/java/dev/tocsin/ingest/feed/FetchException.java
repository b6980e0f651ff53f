package dev.tocsin.ingest.feed;

import java.net.URI;
import java.time.Duration;

/**
 * A failed fetch, with the feed URL, the kind of failure and the HTTP status where there was one.
 */
public final class FetchException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, to choose between retrying and giving up. */
  public enum Kind {
    TIMEOUT,
    CONNECTION,
    HTTP_CLIENT,
    HTTP_SERVER,
    RATE_LIMITED,
    TOO_LARGE,
    BLOCKED
  }

  private final transient URI url;
  private final Kind kind;
  private final Integer status;
  private final Duration retryAfter;

  /** Creates an exception for {@code url}. */
  public FetchException(URI url, Kind kind, Integer status, String reason, Throwable cause) {
    this(url, kind, status, reason, cause, null);
  }

  /** Creates an exception for {@code url} whose server asked to wait {@code retryAfter}. */
  public FetchException(
      URI url, Kind kind, Integer status, String reason, Throwable cause, Duration retryAfter) {
    super(url + ": " + reason, cause);
    this.url = url;
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** Returns the feed URL. */
  public URI url() {
    return url;
  }

  /** Returns the kind of failure. */
  public Kind kind() {
    return kind;
  }

  /** Returns the HTTP status, or null when no response arrived. */
  public Integer status() {
    return status;
  }

  /** Returns how long the server asked us to wait (Retry-After), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
