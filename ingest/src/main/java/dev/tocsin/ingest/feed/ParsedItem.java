package dev.tocsin.ingest.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * One item of a parsed feed, as clean text (no markup, whitespace collapsed).
 *
 * @param guid the item's own id as the feed gives it (RSS {@code guid}, RSS 1.0 {@code rdf:about},
 *     Atom {@code id}, JSON Feed {@code id}), may be null
 * @param link the absolute link to the article, may be null
 * @param title the clean title; never null, empty when neither title nor text exists
 * @param summary the clean one-line summary, may be null
 * @param content the clean full text with paragraphs separated by {@code "\n\n"}, may be null
 * @param author the author's name (several joined by {@code ", "}), may be null
 * @param published the publication time (else the update time), null when the feed gives none
 * @param language the item's language tag, else the feed's, may be null
 */
public record ParsedItem(
    String guid,
    String link,
    String title,
    String summary,
    String content,
    String author,
    Instant published,
    String language) {

  /** Validates that the title is present. */
  public ParsedItem {
    Objects.requireNonNull(title, "title");
  }
}
