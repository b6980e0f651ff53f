package dev.tocsin.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Turns HTML fragments from feeds into clean text. */
public final class HtmlText {

  private HtmlText() {}

  /** Returns the text of {@code html} on one line, whitespace collapsed; null stays null. */
  public static String clean(String html) {
    if (html == null) {
      return null;
    }
    String text = Jsoup.parseBodyFragment(html).text().strip();
    return text;
  }

  /** Returns the text of {@code html} with paragraphs separated by blank lines. */
  public static String cleanBlocks(String html) {
    if (html == null) {
      return null;
    }
    Document doc = Jsoup.parseBodyFragment(html);
    List<String> blocks = new ArrayList<>();
    for (Element block : doc.body().select("p, li, h1, h2, h3, h4, blockquote, pre")) {
      if (block.parents().stream().anyMatch(p -> p.is("p, li, blockquote"))) {
        continue;
      }
      String text = block.text().strip();
      if (!text.isEmpty()) {
        blocks.add(text);
      }
    }
    return blocks.isEmpty() ? doc.body().text().strip() : String.join("\n\n", blocks);
  }
}
