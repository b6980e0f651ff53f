package dev.tocsin.ingest.extract;

import org.jsoup.nodes.Element;

/**
 * A maximal run of inline text between block-level tags.
 *
 * @param owner the nearest block-level element around the text
 * @param text the text, whitespace collapsed
 * @param words the number of words in the text
 * @param linkWords the number of those words inside links
 * @param kind what the block reads as
 */
record TextBlock(Element owner, String text, int words, int linkWords, Kind kind) {

  /** What a block reads as, by its length and link density. */
  enum Kind {
    /** Prose: long enough, or a sentence, and few links. */
    CONTENT,
    /** Headings, captions, bylines. */
    SHORT,
    /** Link lists: most words are linked. */
    LINKS
  }

  /**
   * Returns true when the owner is {@code ancestor} or below it, looking up no further than {@code
   * stop}.
   */
  boolean within(Element ancestor, Element stop) {
    for (Element e = owner; e != null; e = e.parent()) {
      if (e == ancestor) {
        return true;
      }
      if (e == stop) {
        return false;
      }
    }
    return false;
  }
}
