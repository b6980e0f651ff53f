package dev.tocsin.ingest.feed;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses a fetched feed document (RSS 0.9x, 1.0 and 2.0 and Atom 0.3 and 1.0 with Rome, JSON Feed
 * 1.0 and 1.1 with Jackson) into clean items.
 *
 * <p>The parser is stateless and safe to share between threads. Hostile XML is handled as {@link
 * SecureXmlParser} describes: DOCTYPEs are accepted (RSS 0.91 needs one), external entities and
 * DTDs are never read, and entity expansion is bounded.
 */
public final class FeedParser {

  /** Creates a parser. */
  public FeedParser() {}

  /**
   * Parses {@code body}, fetched from {@code feedUrl} with the given Content-Type header.
   *
   * @param body the document as fetched (already decompressed)
   * @param contentType the HTTP Content-Type header, may be null; its charset is honoured
   * @param feedUrl the URL the document came from; relative links resolve against it last
   * @return the feed and its items in document order
   * @throws FeedParseException when the document is empty, not a feed, malformed or hostile
   */
  public ParsedFeed parse(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(feedUrl, "feedUrl");
    return isJson(body, contentType)
        ? JsonFeedReader.read(body, feedUrl)
        : XmlFeedReader.read(body, contentType, feedUrl);
  }

  /**
   * Returns true when the document opens with {@code {} or {@code [} (after any byte-order mark and
   * whitespace), or, when it opens with neither that nor {@code <}, when the Content-Type says JSON.
   */
  static boolean isJson(byte[] body, String contentType) {
    for (int i = XmlCharset.bomLength(body); i < body.length; i++) {
      int b = body[i] & 0xFF;
      if (b == '{' || b == '[') {
        return true;
      }
      if (b == '<') {
        return false;
      }
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        break;
      }
    }
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
  }
}
