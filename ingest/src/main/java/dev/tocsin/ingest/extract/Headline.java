package dev.tocsin.ingest.extract;

import static dev.tocsin.ingest.extract.PlainText.collapse;
import static dev.tocsin.ingest.extract.PlainText.words;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds an article page's headline: the longest {@code h1} that the document title or the Open
 * Graph / Twitter title repeats; failing that, the meta title or the document title less the site's
 * name.
 */
final class Headline {

  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—:·»]\\s+");

  private Headline() {}

  /** Returns the headline of {@code document}, empty when the page has none. */
  static String find(Document document) {
    String meta = meta(document, "meta[property=og:title], meta[name=twitter:title]");
    String documentTitle = collapse(document.title());
    String best = null;
    for (Element h1 : document.select("h1")) {
      String text = collapse(h1.text());
      if (!text.isEmpty()
          && (documentTitle.contains(text) || (meta != null && meta.contains(text)))
          && (best == null || text.length() > best.length())) {
        best = text;
      }
    }
    if (best != null) {
      return best;
    }
    String site = meta(document, "meta[property=og:site_name], meta[name=application-name]");
    if (meta != null) {
      return withoutSite(meta, site);
    }
    return withoutSite(withoutSiteName(documentTitle), site);
  }

  /** Returns {@code title} without a trailing or leading " - Site" naming {@code site}. */
  private static String withoutSite(String title, String site) {
    if (site == null || site.equals(title)) {
      return title;
    }
    Matcher separator = TITLE_SEPARATOR.matcher(title);
    while (separator.find()) {
      String before = title.substring(0, separator.start()).strip();
      String after = title.substring(separator.end()).strip();
      if (after.equalsIgnoreCase(site)) {
        return before;
      }
      if (before.equalsIgnoreCase(site)) {
        return after;
      }
    }
    return title;
  }

  /** Returns the first non-blank {@code content} of the meta elements {@code query} selects. */
  private static String meta(Document document, String query) {
    for (Element element : document.select(query)) {
      String content = collapse(element.attr("content"));
      if (!content.isEmpty()) {
        return content;
      }
    }
    return null;
  }

  /** Returns the longest part of a "Headline | Site" style title. */
  private static String withoutSiteName(String title) {
    String best = "";
    for (String part : TITLE_SEPARATOR.split(title)) {
      if (part.length() > best.length()) {
        best = part;
      }
    }
    return words(best) >= 3 ? best.strip() : title;
  }
}
