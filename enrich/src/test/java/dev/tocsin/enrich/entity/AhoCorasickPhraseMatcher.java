package dev.tocsin.enrich.entity;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.tocsin.enrich.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The reference {@link PhraseMatcher} is checked against: an Aho–Corasick scan of the whole folded
 * text that finds every key wherever it occurs, then drops the hits that do not start a word. It
 * states the matcher's rules the plain way, at the cost of looking at every key inside every word.
 */
final class AhoCorasickPhraseMatcher<T> {

  /** A match of a phrase with the value it stands for. */
  record Hit<T>(T value, int start, int end) {}

  // Null when the dictionary is empty: the library cannot build a trie without keys.
  private final AhoCorasickDoubleArrayTrie<List<PhraseMatcher.Phrase<T>>> trie;

  /** Creates a matcher for phrases mapped to the values they stand for. */
  AhoCorasickPhraseMatcher(Map<String, List<T>> dictionary) {
    Map<String, List<PhraseMatcher.Phrase<T>>> phrases = PhraseMatcher.keys(dictionary);
    if (phrases.isEmpty()) {
      this.trie = null;
    } else {
      this.trie = new AhoCorasickDoubleArrayTrie<>();
      trie.build(phrases);
    }
  }

  /** Returns every match in {@code text}, in the order their keys end. */
  List<Hit<T>> find(String text) {
    List<Hit<T>> hits = new ArrayList<>();
    if (trie == null) {
      return hits;
    }
    String folded = TextNormalizer.fold(text);
    AhoCorasickDoubleArrayTrie.IHit<List<PhraseMatcher.Phrase<T>>> collector =
        (start, end, found) -> collect(folded, start, end, found, hits);
    trie.parseText(folded, collector);
    return hits;
  }

  private void collect(
      String folded, int start, int end, List<PhraseMatcher.Phrase<T>> found, List<Hit<T>> hits) {
    if (start > 0
        && TextNormalizer.isWordChar(folded.charAt(start - 1))
        && !TextNormalizer.isScriptChange(folded.charAt(start - 1), folded.charAt(start))) {
      return;
    }
    boolean endsWord = end >= folded.length() || !TextNormalizer.isWordChar(folded.charAt(end));
    for (PhraseMatcher.Phrase<T> phrase : found) {
      if (phrase.rest() != null) {
        Matcher matcher = phrase.rest().matcher(folded);
        matcher.region(end, folded.length());
        if (matcher.lookingAt()) {
          hits.add(new Hit<>(phrase.value(), start, matcher.end()));
        }
      } else if (endsWord || phrase.stem()) {
        hits.add(new Hit<>(phrase.value(), start, end));
      }
    }
  }
}
