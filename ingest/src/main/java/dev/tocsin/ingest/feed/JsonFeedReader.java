package dev.tocsin.ingest.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads JSON Feed 1.0 and 1.1 documents (https://jsonfeed.org/version/1.1) with Jackson. */
final class JsonFeedReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonFeedReader() {}

  /** Reads a JSON Feed from {@code body}, which may start with a UTF-8 byte-order mark. */
  static ParsedFeed read(byte[] body, URI feedUrl) throws FeedParseException {
    int bom = XmlCharset.bomLength(body);
    JsonNode root;
    try {
      root = JSON.readTree(body, bom, body.length - bom);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new FeedParseException(
          feedUrl, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new FeedParseException(feedUrl, "cannot read the JSON document: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new FeedParseException(feedUrl, "empty document");
    }
    String format = format(root, feedUrl);
    JsonNode items = root.path("items");
    if (!items.isMissingNode() && !items.isArray()) {
      throw new FeedParseException(feedUrl, "not a feed: JSON Feed whose items is not an array");
    }
    String link = ItemFields.absoluteLink(feedUrl, text(root, "home_page_url"));
    URI itemBase = link == null ? feedUrl : ItemFields.base(feedUrl, link).orElse(feedUrl);
    String language = ItemFields.language(text(root, "language"));
    List<ParsedItem> parsed = new ArrayList<>();
    for (JsonNode item : items) {
      if (item.isObject()) {
        parsed.add(item(item, itemBase, language));
      }
    }
    String title = text(root, "title");
    return new ParsedFeed(
        format, title == null ? "" : HtmlText.clean(title), link, language, parsed);
  }

  private static String format(JsonNode root, URI feedUrl) throws FeedParseException {
    if (!root.isObject()) {
      throw new FeedParseException(feedUrl, "not a feed: JSON " + root.getNodeType() + " root");
    }
    String version = text(root, "version");
    if (version != null) {
      String bare = version.replaceFirst("^https?://jsonfeed\\.org/version/", "");
      if (bare.equals("1") || bare.equals("1.0")) {
        return "json_1.0";
      }
      if (bare.equals("1.1")) {
        return "json_1.1";
      }
    }
    throw new FeedParseException(
        feedUrl,
        version == null
            ? "not a feed: JSON without a JSON Feed version"
            : "not a feed: unsupported JSON Feed version " + version);
  }

  private static ParsedItem item(JsonNode item, URI base, String feedLanguage) {
    String html = text(item, "content_html");
    String plain = text(item, "content_text");
    String content =
        ItemFields.blankToNull(
            html != null ? HtmlText.cleanBlocks(html) : HtmlText.plainBlocks(plain));
    String rawSummary = text(item, "summary");
    String summary = ItemFields.blankToNull(HtmlText.clean(rawSummary));
    String rawTitle = text(item, "title");
    String link = ItemFields.absoluteLink(base, text(item, "url"));
    if (link == null) {
      link = ItemFields.absoluteLink(base, text(item, "external_url"));
    }
    Instant published = instant(text(item, "date_published"));
    if (published == null) {
      published = instant(text(item, "date_modified"));
    }
    String language = ItemFields.language(text(item, "language"));
    return new ParsedItem(
        text(item, "id"),
        link,
        ItemFields.title(HtmlText.clean(rawTitle), summary, content),
        summary,
        content,
        authors(item),
        published,
        language != null ? language : feedLanguage);
  }

  // JSON Feed 1.1 has "authors"; 1.0 had a single "author", which 1.1 readers still accept.
  private static String authors(JsonNode item) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode author : item.path("authors")) {
      addName(names, author);
    }
    addName(names, item.path("author"));
    return names.isEmpty() ? null : String.join(", ", names);
  }

  private static void addName(Set<String> names, JsonNode author) {
    String name = text(author, "name");
    if (name != null) {
      names.add(HtmlText.clean(name));
    }
  }

  /** Parses an RFC 3339 date; a date without offset is taken as UTC; anything else is null. */
  static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  // Ids may be numbers in the wild, though the spec says strings.
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !(value.isTextual() || value.isNumber())) {
      return null;
    }
    return ItemFields.blankToNull(value.asText());
  }
}
