package dev.tocsin.enrich.relevance;

/**
 * Counts of a relevance check over labelled stories, and their precision, recall and F1.
 *
 * @param n stories counted
 * @param tp on watch and judged so
 * @param fp off watch but judged on watch
 * @param fn on watch but judged off watch
 */
public record Figures(int n, int tp, int fp, int fn) {

  /** No story counted yet. */
  public static final Figures NONE = new Figures(0, 0, 0, 0);

  /**
   * Returns these counts with one more story, judged {@code predicted}, labelled {@code actual}.
   */
  public Figures plus(boolean predicted, boolean actual) {
    return new Figures(
        n + 1,
        tp + (predicted && actual ? 1 : 0),
        fp + (predicted && !actual ? 1 : 0),
        fn + (!predicted && actual ? 1 : 0));
  }

  /** Returns the counts of both groups together. */
  public Figures plus(Figures other) {
    return new Figures(n + other.n, tp + other.tp, fp + other.fp, fn + other.fn);
  }

  /** Returns the share of stories judged on watch that are (1 when none is). */
  public double precision() {
    return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
  }

  /** Returns the share of stories on watch judged so (1 when there is none). */
  public double recall() {
    return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
  }

  /** Returns the harmonic mean of precision and recall. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
