package dev.tocsin.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (with Rome) and JSON Feed 1.0/1.1 (with Jackson) into clean
 * items.
 *
 * <p>Rome's default input refuses any DOCTYPE, so no external entity or DTD is ever read.
 */
public final class FeedParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TITLE_FROM_SUMMARY = 100;

  /** Parses a feed document fetched from {@code feedUrl}. */
  public ParsedFeed parse(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(feedUrl, "feedUrl");
    if (body.length == 0) {
      throw new FeedParseException(feedUrl, "empty document", null);
    }
    return looksLikeJson(body, contentType)
        ? parseJson(body, feedUrl)
        : parseXml(body, contentType, feedUrl);
  }

  private static boolean looksLikeJson(byte[] body, String contentType) {
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
      return true;
    }
    for (byte b : body) {
      if (b == '{') {
        return true;
      }
      if (!Character.isWhitespace(b)
          && (b & 0xFF) != 0xEF
          && (b & 0xFF) != 0xBB
          && (b & 0xFF) != 0xBF) {
        return false;
      }
    }
    return false;
  }

  private static ParsedFeed parseXml(byte[] body, String contentType, URI feedUrl)
      throws FeedParseException {
    SyndFeed feed;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
      feed = new SyndFeedInput().build(reader);
    } catch (FeedException | IllegalArgumentException e) {
      throw new FeedParseException(feedUrl, "not a readable feed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new FeedParseException(feedUrl, "cannot decode the document: " + e.getMessage(), e);
    }
    List<ParsedItem> items = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      String summary =
          entry.getDescription() == null ? null : HtmlText.clean(entry.getDescription().getValue());
      String content = null;
      for (SyndContent c : entry.getContents()) {
        if (c.getValue() != null && !c.getValue().isBlank()) {
          content = HtmlText.cleanBlocks(c.getValue());
          break;
        }
      }
      if (content == null && entry.getDescription() != null) {
        content = HtmlText.cleanBlocks(entry.getDescription().getValue());
      }
      Date date =
          entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
      items.add(
          new ParsedItem(
              blankToNull(entry.getUri()),
              resolve(feedUrl, feed.getLink(), entry.getLink()),
              title(HtmlText.clean(entry.getTitle()), summary),
              summary,
              content,
              blankToNull(entry.getAuthor()),
              date == null ? null : date.toInstant(),
              null));
    }
    return new ParsedFeed(
        format(feed.getFeedType()),
        HtmlText.clean(feed.getTitle()),
        feed.getLink(),
        blankToNull(feed.getLanguage()),
        items);
  }

  private static ParsedFeed parseJson(byte[] body, URI feedUrl) throws FeedParseException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new FeedParseException(feedUrl, "malformed JSON: " + e.getMessage(), e);
    }
    String version = root.path("version").asText("");
    if (!version.startsWith("https://jsonfeed.org/version/")) {
      throw new FeedParseException(feedUrl, "JSON without a JSON Feed version", null);
    }
    List<ParsedItem> items = new ArrayList<>();
    for (JsonNode item : root.path("items")) {
      String html = text(item, "content_html");
      String plain = text(item, "content_text");
      String summary = text(item, "summary");
      String content = html != null ? HtmlText.cleanBlocks(html) : plain;
      String author = null;
      if (item.path("authors").isArray() && item.path("authors").size() > 0) {
        author = text(item.path("authors").get(0), "name");
      } else if (item.has("author")) {
        author = text(item.path("author"), "name");
      }
      items.add(
          new ParsedItem(
              text(item, "id"),
              resolve(feedUrl, text(root, "home_page_url"), text(item, "url")),
              title(HtmlText.clean(text(item, "title")), summary != null ? summary : content),
              summary,
              content,
              author,
              instant(text(item, "date_published")),
              text(item, "language")));
    }
    return new ParsedFeed(
        version.endsWith("1.1") ? "json_1.1" : "json_1.0",
        text(root, "title"),
        text(root, "home_page_url"),
        text(root, "language"),
        items);
  }

  private static String title(String title, String fallback) {
    if (title != null && !title.isBlank()) {
      return title;
    }
    if (fallback == null) {
      return "";
    }
    return fallback.length() <= TITLE_FROM_SUMMARY
        ? fallback
        : fallback.substring(0, TITLE_FROM_SUMMARY);
  }

  private static String resolve(URI feedUrl, String base, String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      URI against = base != null && !base.isBlank() ? feedUrl.resolve(base.strip()) : feedUrl;
      return against.resolve(link.strip()).toString();
    } catch (IllegalArgumentException e) {
      return link.strip();
    }
  }

  private static String format(String romeType) {
    if (romeType == null) {
      return "unknown";
    }
    if (romeType.startsWith("rss_0.9")) {
      return "rss_0.9x";
    }
    return romeType;
  }

  private static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
