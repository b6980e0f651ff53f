package dev.tocsin.ingest.extract;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Chooses the element that holds the article body: the one whose subtree holds the most content
 * words net of the boilerplate words it would drag in, nudged by class/id hints and schema.org
 * {@code itemprop=articleBody} markup.
 */
final class CandidateScorer {

  /** How much a short block's words count against the elements above it. */
  private static final double SHORT_PENALTY = 0.3;

  private static final double ARTICLE_BODY_BOOST = 1.5;
  private static final double POSITIVE_HINT_BOOST = 1.15;
  private static final double NEGATIVE_HINT_DAMPING = 0.7;

  private CandidateScorer() {}

  /**
   * Returns the best-scoring element among the owners of {@code blocks} and their ancestors up to
   * {@code body}; on a tie, an element below the one chosen so far takes its place. Null when no
   * element scores above zero.
   */
  static Element best(List<TextBlock> blocks, Element body) {
    // Per element: {content words, boilerplate words} of its subtree.
    Map<Element, double[]> tallies = new IdentityHashMap<>();
    for (TextBlock block : blocks) {
      double good = 0;
      double bad;
      switch (block.kind()) {
        case CONTENT -> {
          good = block.words() - block.linkWords();
          bad = block.linkWords();
        }
        case SHORT -> bad = SHORT_PENALTY * block.words() + block.linkWords();
        default -> bad = block.words();
      }
      for (Element e = block.owner(); e != null; e = e.parent()) {
        double[] tally = tallies.computeIfAbsent(e, k -> new double[2]);
        tally[0] += good;
        tally[1] += bad;
        if (e == body) {
          break;
        }
      }
    }
    Element best = null;
    double bestScore = 0;
    for (Map.Entry<Element, double[]> entry : tallies.entrySet()) {
      Element element = entry.getKey();
      double[] tally = entry.getValue();
      double score = tally[0] - tally[1];
      if (score <= 0) {
        continue;
      }
      if (element.attr("itemprop").equalsIgnoreCase("articleBody")) {
        score *= ARTICLE_BODY_BOOST;
      } else {
        NameHint hint = NameHint.of(element);
        if (hint == NameHint.POSITIVE) {
          score *= POSITIVE_HINT_BOOST;
        } else if (hint.isNegative()) {
          score *= NEGATIVE_HINT_DAMPING;
        }
      }
      if (score > bestScore
          || (score == bestScore && best != null && element.parents().contains(best))) {
        best = element;
        bestScore = score;
      }
    }
    return best;
  }
}
