package dev.tocsin.ingest.feed;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed feed: its format, channel-level metadata and items in document order.
 *
 * @param format one of {@code rss_0.9x}, {@code rss_1.0}, {@code rss_2.0}, {@code atom_0.3}, {@code
 *     atom_1.0}, {@code json_1.0}, {@code json_1.1}
 * @param title the feed's clean title, empty when it has none
 * @param link the feed's absolute site link, may be null
 * @param language the feed's declared language tag, may be null
 * @param items the items in document order
 */
public record ParsedFeed(
    String format, String title, String link, String language, List<ParsedItem> items) {

  /** The values {@link #format()} takes. */
  public static final Set<String> FORMATS =
      Set.of("rss_0.9x", "rss_1.0", "rss_2.0", "atom_0.3", "atom_1.0", "json_1.0", "json_1.1");

  /** Validates the format and title and copies the items. */
  public ParsedFeed {
    Objects.requireNonNull(format, "format");
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("unknown feed format: " + format);
    }
    Objects.requireNonNull(title, "title");
    items = List.copyOf(items);
  }
}
