package dev.tocsin.ingest.feed;

import java.net.URI;

/** A document that could not be read as a feed, with the feed URL and a readable reason. */
public final class FeedParseException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient URI feedUrl;
  private final String reason;

  /** Creates an exception for {@code feedUrl}. */
  public FeedParseException(URI feedUrl, String reason, Throwable cause) {
    super(feedUrl + ": " + reason, cause);
    this.feedUrl = feedUrl;
    this.reason = reason;
  }

  /** Returns the feed URL. */
  public URI feedUrl() {
    return feedUrl;
  }

  /** Returns the reason without the URL. */
  public String reason() {
    return reason;
  }
}
