package dev.tocsin.ingest.feed;

import java.util.List;

/**
 * A parsed feed.
 *
 * @param format e.g. {@code rss_2.0}, {@code atom_1.0}, {@code json_1.1}
 * @param title the feed's title
 * @param link the feed's site link, may be null
 * @param language the feed's declared language, may be null
 * @param items the items in document order
 */
public record ParsedFeed(
    String format, String title, String link, String language, List<ParsedItem> items) {

  /** Copies the items. */
  public ParsedFeed {
    items = List.copyOf(items);
  }
}
