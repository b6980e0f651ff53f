package dev.tocsin.ingest.feed;

import java.net.URI;
import java.net.URISyntaxException;

/** How the feedparser comparisons parse a corpus file: as fetched from feedparser's harness. */
final class FeedAgreement {

  private static final FeedParser PARSER = new FeedParser();

  /** What parsing one file gave: a feed or the refusal's message. */
  record Ours(ParsedFeed feed, String error) {}

  private FeedAgreement() {}

  /**
   * Returns the URI a corpus file (a path under the corpora folder) is parsed as fetched from:
   * feedparser's own fixtures where its harness serves them, the others beside them.
   */
  static URI documentUri(String name) {
    String prefix = "feeds/feedparser/";
    String path = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    try {
      return new URI("http", null, "127.0.0.1", 8097, "/" + path.replace('\\', '/'), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  /** Parses a corpus file's bytes as fetched from {@link #documentUri(String)}. */
  static Ours ours(String name, byte[] body) {
    try {
      return new Ours(PARSER.parse(body, null, documentUri(name)), null);
    } catch (FeedParseException e) {
      return new Ours(null, e.getMessage());
    }
  }
}
