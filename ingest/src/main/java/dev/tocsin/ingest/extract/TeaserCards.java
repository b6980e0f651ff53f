package dev.tocsin.ingest.extract;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * The teaser cards inside a chosen body element: small elements below it that hold a headline made
 * entirely of a link and a blurb, the shape of "more stories" lists that sit beside an article. An
 * article's own paragraphs do not come with a linked headline of their own.
 */
final class TeaserCards {

  /** The most words a teaser card (a linked headline and its blurb) holds. */
  private static final int CARD_WORDS = 90;

  /** The fewest words of a linked headline. */
  private static final int HEADLINE_WORDS = 2;

  private final Set<Element> cards;
  private final Element best;

  private TeaserCards(Set<Element> cards, Element best) {
    this.cards = cards;
    this.best = best;
  }

  /** Finds the teaser cards below {@code best} among {@code blocks}, looking up to {@code body}. */
  static TeaserCards find(List<TextBlock> blocks, Element best, Element body) {
    Map<Element, int[]> words = new IdentityHashMap<>();
    Set<Element> linkedHeadlines = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TextBlock block : blocks) {
      if (!block.within(best, body)) {
        continue;
      }
      boolean linkedHeadline =
          block.words() >= HEADLINE_WORDS && block.linkWords() >= block.words();
      for (Element e = block.owner(); e != null && e != best; e = e.parent()) {
        words.computeIfAbsent(e, k -> new int[1])[0] += block.words();
        if (linkedHeadline) {
          linkedHeadlines.add(e);
        }
      }
    }
    Set<Element> cards = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element e : linkedHeadlines) {
      int total = words.get(e)[0];
      if (total <= CARD_WORDS && hasBlurb(e, blocks)) {
        cards.add(e);
      }
    }
    return new TeaserCards(cards, best);
  }

  /** Returns true when {@code block} sits in one of the cards. */
  boolean contains(TextBlock block) {
    for (Element e = block.owner(); e != null && e != best; e = e.parent()) {
      if (cards.contains(e)) {
        return true;
      }
    }
    return false;
  }

  /** Returns true when a content block sits inside {@code card} beside its linked headline. */
  private static boolean hasBlurb(Element card, List<TextBlock> blocks) {
    for (TextBlock block : blocks) {
      if (block.kind() == TextBlock.Kind.CONTENT
          && block.linkWords() < block.words()
          && block.owner() != card
          && block.within(card, card.ownerDocument())) {
        return true;
      }
    }
    return false;
  }
}
