package dev.tocsin.ingest.feed;

import java.net.URI;
import java.util.Objects;

/**
 * Thrown when a fetched document cannot be read as a feed; carries the feed URL and a readable
 * reason, e.g. {@code "https://x.example/feed.xml: not a feed: HTML page (<html> root)"}.
 *
 * <p>A parse failure is permanent for the document at hand: retrying the same bytes gives the same
 * answer.
 */
public final class FeedParseException extends Exception {

  private static final long serialVersionUID = 1L;

  private final URI feedUrl;
  private final String reason;

  /** Creates an exception for the feed at {@code feedUrl} failing for {@code reason}. */
  public FeedParseException(URI feedUrl, String reason, Throwable cause) {
    super(
        Objects.requireNonNull(feedUrl, "feedUrl")
            + ": "
            + Objects.requireNonNull(reason, "reason"),
        cause);
    this.feedUrl = feedUrl;
    this.reason = reason;
  }

  /** Creates an exception without an underlying cause. */
  public FeedParseException(URI feedUrl, String reason) {
    this(feedUrl, reason, null);
  }

  /** Returns the URL of the feed that failed. */
  public URI feedUrl() {
    return feedUrl;
  }

  /** Returns the reason, without the URL. */
  public String reason() {
    return reason;
  }
}
