package dev.tocsin.enrich.entity;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.tocsin.enrich.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference {@link PhraseMatcher} is checked against: an Aho–Corasick scan of the whole folded
 * text that finds every key wherever it occurs, then drops the hits that do not start a word. It
 * states the matcher's rules the plain way, at the cost of looking at every key inside every word.
 */
final class AhoCorasickPhraseMatcher<T> {

  /** A match of a phrase with the value it stands for. */
  record Hit<T>(T value, int start, int end) {}

  private record Phrase<T>(T value, boolean stem, Pattern rest) {}

  // Null when the dictionary is empty: the library cannot build a trie without keys.
  private final AhoCorasickDoubleArrayTrie<List<Phrase<T>>> trie;

  /** Creates a matcher for phrases mapped to the values they stand for. */
  AhoCorasickPhraseMatcher(Map<String, List<T>> dictionary) {
    Map<String, List<Phrase<T>>> phrases = new HashMap<>();
    dictionary.forEach(
        (raw, values) -> {
          String phrase = TextNormalizer.fold(raw).strip();
          int inner = phrase.indexOf('*');
          boolean stem = phrase.endsWith("*");
          String key;
          Pattern rest = null;
          if (inner >= 0 && inner < phrase.length() - 1) {
            key = phrase.substring(0, inner);
            rest = Pattern.compile(restPattern(phrase.substring(inner)));
            stem = false;
          } else {
            key = stem ? phrase.substring(0, phrase.length() - 1) : phrase;
          }
          if (key.isEmpty()) {
            return;
          }
          for (T value : values) {
            phrases
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(new Phrase<>(value, stem, rest));
          }
        });
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
    AhoCorasickDoubleArrayTrie.IHit<List<Phrase<T>>> collector =
        (start, end, found) -> collect(folded, start, end, found, hits);
    trie.parseText(folded, collector);
    return hits;
  }

  private void collect(
      String folded, int start, int end, List<Phrase<T>> found, List<Hit<T>> hits) {
    if (start > 0
        && TextNormalizer.isWordChar(folded.charAt(start - 1))
        && !TextNormalizer.isScriptChange(folded.charAt(start - 1), folded.charAt(start))) {
      return;
    }
    boolean endsWord = end >= folded.length() || !TextNormalizer.isWordChar(folded.charAt(end));
    for (Phrase<T> phrase : found) {
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

  // "* сотрудничеств*" -> the rest of the stem word, then each further word, then a boundary.
  private static String restPattern(String rest) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '*' || c == ' ') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? "[\\p{L}\\p{N}]*" : "\\s+");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    if (!rest.endsWith("*")) {
      regex.append("(?![\\p{L}\\p{N}])");
    }
    return regex.toString();
  }
}
