package dev.tocsin.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Assembles the body's paragraphs from the blocks of a chosen element: its prose and the short
 * blocks that read as part of it, less teaser cards and {@link BodyRules}' boilerplate, up to a
 * heading that announces what follows the article.
 */
final class BodyAssembler {

  private BodyAssembler() {}

  /**
   * Returns the paragraphs of {@code best}, in document order, from the blocks of the page.
   *
   * @param blocks the text blocks of the page's body
   * @param best the element chosen to hold the article
   * @param body the page's body, where looking up from a block stops
   */
  static List<String> paragraphs(List<TextBlock> blocks, Element best, Element body) {
    TeaserCards cards = TeaserCards.find(blocks, best, body);
    List<TextBlock> kept = new ArrayList<>();
    for (TextBlock block : blocks) {
      if (block.within(best, body)
          && !cards.contains(block)
          && !BodyRules.isNeverBody(block)
          && BodyRules.isBodyText(block)) {
        kept.add(block);
      }
    }
    List<String> paragraphs = new ArrayList<>();
    boolean prose = false;
    for (TextBlock block : kept) {
      // "Related" and the like only end the article once its prose has begun.
      if (prose && BodyRules.isEndHeading(block)) {
        break;
      }
      prose |= block.kind() == TextBlock.Kind.CONTENT;
      paragraphs.add(block.text());
    }
    return paragraphs;
  }
}
