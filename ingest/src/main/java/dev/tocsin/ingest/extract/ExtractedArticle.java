package dev.tocsin.ingest.extract;

import java.util.List;
import java.util.Objects;

/**
 * The main text of an article page.
 *
 * @param title the article's headline, empty when the page has none
 * @param text the body as clean text, paragraphs separated by {@code "\n\n"}; empty when nothing
 *     article-like was found
 * @param paragraphs the body's paragraphs in document order
 * @param source how the body was found: {@code "dom"} (scored page blocks), {@code "json-ld"} (the
 *     page's schema.org {@code articleBody}) or {@code "none"}
 */
public record ExtractedArticle(String title, String text, List<String> paragraphs, String source) {

  /** Validates the fields and copies the paragraphs. */
  public ExtractedArticle {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    paragraphs = List.copyOf(paragraphs);
  }

  /** Returns true when no body text was found. */
  public boolean isEmpty() {
    return text.isEmpty();
  }
}
