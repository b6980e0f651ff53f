package dev.tocsin.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * Turns the HTML fragments found in feeds (titles, descriptions, full content) into clean text.
 *
 * <p>Markup is dropped, entities decoded, script and style bodies ignored, and every run of
 * whitespace (including no-break and other Unicode spaces) collapsed to one space. {@link
 * #cleanBlocks} keeps the paragraph structure: block elements and double line breaks become {@code
 * "\n\n"}, a single {@code <br>} a {@code "\n"}.
 */
public final class HtmlText {

  /** Elements that start and end a paragraph of their own. */
  private static final Set<String> BLOCKS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "center",
          "dd",
          "details",
          "div",
          "dl",
          "dt",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "form",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "hr",
          "li",
          "main",
          "nav",
          "ol",
          "p",
          "pre",
          "section",
          "summary",
          "table",
          "tbody",
          "tfoot",
          "thead",
          "tr",
          "ul");

  /** Table cells: separated by a space, not a paragraph. */
  private static final Set<String> CELLS = Set.of("td", "th");

  /** Whitespace in the Unicode sense, plus the no-break spaces Java's {@code \s} misses. */
  private static final Pattern SPACES =
      Pattern.compile("[\\s\\p{Z}]+", Pattern.UNICODE_CHARACTER_CLASS);

  /** Invisible characters that only break matching: soft hyphen, zero-width space, BOM. */
  private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B\\u2060\\uFEFF]");

  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n{2,}");

  private HtmlText() {}

  /**
   * Returns the text of {@code html} on one line: markup removed, entities decoded, whitespace
   * collapsed and stripped; {@code null} stays {@code null}.
   */
  public static String clean(String html) {
    if (html == null) {
      return null;
    }
    if (!hasMarkup(html)) {
      return collapse(html);
    }
    if (html.indexOf('<') < 0) {
      // Entities but no tags, as in most feed titles: decoding is all there is to do.
      return collapse(Parser.unescapeEntities(html, false));
    }
    return collapse(Jsoup.parseBodyFragment(html).body().text());
  }

  /**
   * Returns the text of {@code html} with its paragraphs separated by {@code "\n\n"} and each
   * paragraph's whitespace collapsed; {@code null} stays {@code null}.
   *
   * <p>Input without any markup or entity is treated as plain text, where blank lines separate
   * paragraphs.
   */
  public static String cleanBlocks(String html) {
    if (html == null) {
      return null;
    }
    if (!hasMarkup(html)) {
      return plainBlocks(html);
    }
    BlockCollector collector = new BlockCollector();
    Jsoup.parseBodyFragment(html).body().traverse(collector);
    return paragraphs(collector.text.toString());
  }

  /**
   * Returns plain text (no markup interpreted) with blank lines as paragraph breaks, single line
   * breaks joined, whitespace collapsed.
   */
  static String plainBlocks(String text) {
    if (text == null) {
      return null;
    }
    String unified = text.replace("\r\n", "\n").replace('\r', '\n');
    List<String> blocks = new ArrayList<>();
    for (String block : unified.split("\\n[\\s\\p{Z}&&[^\\n]]*\\n\\s*")) {
      String collapsed = collapse(block);
      if (!collapsed.isEmpty()) {
        blocks.add(collapsed);
      }
    }
    return String.join("\n\n", blocks);
  }

  /** Returns {@code text} with invisible characters removed and whitespace collapsed, stripped. */
  static String collapse(String text) {
    String visible = INVISIBLE.matcher(text).replaceAll("");
    return SPACES.matcher(visible).replaceAll(" ").strip();
  }

  private static boolean hasMarkup(String text) {
    return text.indexOf('<') >= 0 || text.indexOf('&') >= 0;
  }

  // The collector writes '\n' only for structure; source newlines inside text are plain spaces.
  private static String paragraphs(String structured) {
    List<String> blocks = new ArrayList<>();
    for (String block : PARAGRAPH_BREAK.split(structured)) {
      List<String> lines = new ArrayList<>();
      for (String line : block.split("\n")) {
        String collapsed = collapse(line);
        if (!collapsed.isEmpty()) {
          lines.add(collapsed);
        }
      }
      if (!lines.isEmpty()) {
        blocks.add(String.join("\n", lines));
      }
    }
    return String.join("\n\n", blocks);
  }

  /** Writes text nodes, with {@code \n\n} around blocks and {@code \n} for line breaks. */
  private static final class BlockCollector implements NodeVisitor {

    private final StringBuilder text = new StringBuilder();

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode textNode) {
        text.append(SPACES.matcher(textNode.getWholeText()).replaceAll(" "));
      } else if (node instanceof Element element) {
        String name = element.normalName();
        if (name.equals("br")) {
          trimTrailingSpaces();
          text.append('\n');
        } else if (BLOCKS.contains(name)) {
          breakParagraph();
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element) {
        String name = element.normalName();
        if (BLOCKS.contains(name)) {
          breakParagraph();
        } else if (CELLS.contains(name)) {
          text.append(' ');
        }
      }
    }

    private void breakParagraph() {
      trimTrailingSpaces();
      text.append("\n\n");
    }

    private void trimTrailingSpaces() {
      int end = text.length();
      while (end > 0 && text.charAt(end - 1) == ' ') {
        end--;
      }
      text.setLength(end);
    }
  }
}
