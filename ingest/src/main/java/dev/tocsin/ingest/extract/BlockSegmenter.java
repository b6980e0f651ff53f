package dev.tocsin.ingest.extract;

import static dev.tocsin.ingest.extract.PlainText.collapse;
import static dev.tocsin.ingest.extract.PlainText.words;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Splits a subtree into {@link TextBlock}s, each owned by its nearest block-level element and
 * classified by its length and link density.
 */
final class BlockSegmenter implements NodeVisitor {

  /** Tags that do not start a new block of text. */
  private static final Set<String> INLINE =
      Set.of(
          "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
          "em", "font", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
          "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr");

  /** Blocks with at least this many words are prose when their links are few. */
  private static final int CONTENT_WORDS = 12;

  /** Blocks with at least this many words are prose when they end a sentence. */
  private static final int SENTENCE_WORDS = 6;

  /** Blocks whose linked share of words exceeds this are link lists. */
  private static final double LINK_LIST_DENSITY = 0.5;

  private final List<TextBlock> blocks = new ArrayList<>();
  private final Deque<Element> owners = new ArrayDeque<>();
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder linkText = new StringBuilder();
  private int linkDepth;

  private BlockSegmenter(Element root) {
    owners.push(root);
  }

  /** Returns the text blocks of {@code root}'s subtree in document order. */
  static List<TextBlock> segment(Element root) {
    BlockSegmenter segmenter = new BlockSegmenter(root);
    NodeTraversor.traverse(segmenter, root);
    segmenter.flush();
    return segmenter.blocks;
  }

  @Override
  public void head(Node node, int depth) {
    if (node instanceof TextNode textNode) {
      String chunk = textNode.getWholeText();
      text.append(chunk);
      if (linkDepth > 0) {
        linkText.append(' ').append(chunk);
      }
    } else if (node instanceof Element element) {
      String name = element.normalName();
      if (name.equals("br")) {
        text.append(' ');
      } else if (name.equals("a")) {
        linkDepth++;
      } else if (!INLINE.contains(name)) {
        flush();
        owners.push(element);
      }
    }
  }

  @Override
  public void tail(Node node, int depth) {
    if (node instanceof Element element) {
      String name = element.normalName();
      if (name.equals("a")) {
        linkDepth--;
      } else if (!name.equals("br") && !INLINE.contains(name) && owners.size() > 1) {
        flush();
        owners.pop();
      }
    }
  }

  private void flush() {
    String clean = collapse(text.toString());
    text.setLength(0);
    int links = words(linkText.toString());
    linkText.setLength(0);
    if (clean.isEmpty()) {
      return;
    }
    int words = words(clean);
    if (words == 0) {
      return;
    }
    Element owner = owners.peek();
    double linkDensity = (double) links / words;
    TextBlock.Kind kind;
    if (linkDensity > LINK_LIST_DENSITY) {
      kind = TextBlock.Kind.LINKS;
    } else if (words >= CONTENT_WORDS || (words >= SENTENCE_WORDS && endsSentence(clean))) {
      kind = TextBlock.Kind.CONTENT;
    } else {
      kind = TextBlock.Kind.SHORT;
    }
    blocks.add(new TextBlock(owner, clean, words, Math.min(links, words), kind));
  }

  private static boolean endsSentence(String text) {
    char last = text.charAt(text.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == '"' || last == '”' || last == '»';
  }
}
