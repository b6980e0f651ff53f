package dev.tocsin.enrich.relevance;

import java.util.List;

/** A relevance score in [0, 1], whether it reaches the threshold, and why. */
public record RelevanceVerdict(double score, boolean relevant, List<Reason> reasons) {

  /** Copies the reasons. */
  public RelevanceVerdict {
    reasons = List.copyOf(reasons);
  }
}
