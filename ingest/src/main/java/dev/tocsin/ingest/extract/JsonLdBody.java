package dev.tocsin.ingest.extract;

import static dev.tocsin.ingest.extract.PlainText.collapse;
import static dev.tocsin.ingest.extract.PlainText.words;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads the schema.org {@code articleBody} a page carries in its JSON-LD scripts and splits it into
 * clean paragraphs.
 */
final class JsonLdBody {

  private static final Pattern JSON_ARTICLE_BODY = Pattern.compile("\"articleBody\"\\s*:\\s*\"");
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n|\\r\\n\\s*\\r\\n");
  private static final Pattern ESCAPED_TAG =
      Pattern.compile("</?(?:p|div|a|img|span|h[1-6]|br|iframe|em|strong|ul|li)\\b[^>]*>");
  private static final Pattern ESCAPED_ENTITY =
      Pattern.compile("&(?:quot|amp|lt|gt|apos|nbsp|#\\d{2,5}|#x[0-9a-fA-F]{2,4});");

  /** The fewest words an {@code articleBody} needs to count as an article. */
  private static final int MIN_WORDS = 50;

  private JsonLdBody() {}

  /**
   * Returns the first {@code articleBody} of at least {@value #MIN_WORDS} words in the page's
   * JSON-LD, decoded from its JSON string; null when there is none. Call before the scripts are
   * stripped.
   */
  static String find(Document document) {
    for (Element script : document.select("script[type=application/ld+json]")) {
      String json = script.data();
      Matcher matcher = JSON_ARTICLE_BODY.matcher(json);
      if (matcher.find()) {
        String body = jsonString(json, matcher.end());
        if (body != null && words(body) >= MIN_WORDS) {
          return body;
        }
      }
    }
    return null;
  }

  /** Returns the non-empty paragraphs of {@code body} as plain text, free of any markup. */
  static List<String> paragraphs(String body) {
    List<String> paragraphs = new ArrayList<>();
    for (String part : PARAGRAPH_BREAK.split(body)) {
      String clean = collapse(Jsoup.parseBodyFragment(part).text());
      if (ESCAPED_TAG.matcher(clean).find() || ESCAPED_ENTITY.matcher(clean).find()) {
        // The body was HTML escaped once more inside the JSON: its text is still markup.
        clean = collapse(Jsoup.parseBodyFragment(clean).text());
      }
      if (!clean.isEmpty()) {
        paragraphs.add(clean);
      }
    }
    return paragraphs;
  }

  /** Decodes the JSON string literal starting after its opening quote at {@code start}. */
  private static String jsonString(String json, int start) {
    StringBuilder out = new StringBuilder();
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= json.length()) {
        return null;
      }
      char escaped = json.charAt(i);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b', 'f' -> out.append(' ');
        case 'u' -> {
          if (i + 4 >= json.length()) {
            return null;
          }
          try {
            out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException e) {
            return null;
          }
          i += 4;
        }
        default -> out.append(escaped);
      }
    }
    return null;
  }
}
