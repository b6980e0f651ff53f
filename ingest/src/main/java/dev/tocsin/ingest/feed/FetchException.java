package dev.tocsin.ingest.feed;

import java.net.URI;

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

  /** Creates an exception for {@code url}. */
  public FetchException(URI url, Kind kind, Integer status, String reason, Throwable cause) {
    super(url + ": " + reason, cause);
    this.url = url;
    this.kind = kind;
    this.status = status;
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
}
