package dev.tocsin.ingest.extract;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scrapinghub article-extraction-benchmark's score, reimplemented from its {@code evaluate.py}:
 * texts are tokenized as {@code \w+} runs (Unicode), compared as multisets of 4-token shingles;
 * each page gives normalized true-positive, false-positive and false-negative shares; precision and
 * recall are the means over pages (pages with no predicted, respectively no expected, shingles left
 * out); F1 is their harmonic mean.
 */
final class ShingleScore {

  private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final int SHINGLE = 4;

  /** One page's normalized true-positive, false-positive and false-negative shares. */
  record Counts(double tp, double fp, double fn) {

    double precision() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      if (tp == 0 && fp == 0) {
        return 0;
      }
      return tp / (tp + fp);
    }

    double recall() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      if (tp == 0 && fn == 0) {
        return 0;
      }
      return tp / (tp + fn);
    }
  }

  /** Precision, recall and F1 over a set of pages. */
  record Metrics(double precision, double recall, double f1) {}

  private ShingleScore() {}

  static Counts compare(String expected, String predicted) {
    Map<List<String>, Integer> truth = shingles(expected);
    Map<List<String>, Integer> guess = shingles(predicted);
    Set<List<String>> keys = new HashSet<>(truth.keySet());
    keys.addAll(guess.keySet());
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (List<String> key : keys) {
      int t = truth.getOrDefault(key, 0);
      int p = guess.getOrDefault(key, 0);
      tp += Math.min(t, p);
      fp += Math.max(0, p - t);
      fn += Math.max(0, t - p);
    }
    double sum = tp + fp + fn;
    return sum > 0 ? new Counts(tp / sum, fp / sum, fn / sum) : new Counts(0, 0, 0);
  }

  static Metrics metrics(List<Counts> pages) {
    double precision =
        pages.stream()
            .filter(c -> c.tp() + c.fp() > 0)
            .mapToDouble(Counts::precision)
            .average()
            .orElse(0);
    double recall =
        pages.stream()
            .filter(c -> c.tp() + c.fn() > 0)
            .mapToDouble(Counts::recall)
            .average()
            .orElse(0);
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    return new Metrics(precision, recall, f1);
  }

  private static Map<List<String>, Integer> shingles(String text) {
    List<String> tokens = new java.util.ArrayList<>();
    Matcher matcher = TOKEN.matcher(text == null ? "" : text);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    Map<List<String>, Integer> counts = new HashMap<>();
    int last = Math.max(1, tokens.size() - SHINGLE + 1);
    for (int i = 0; i < last; i++) {
      List<String> shingle = tokens.subList(i, Math.min(tokens.size(), i + SHINGLE));
      if (!shingle.isEmpty()) {
        counts.merge(List.copyOf(shingle), 1, Integer::sum);
      }
    }
    return counts;
  }
}
