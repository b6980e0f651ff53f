package dev.tocsin.enrich.entity;

import dev.tocsin.enrich.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Finds every phrase of a dictionary in one pass (Aho–Corasick), on folded text, respecting word
 * boundaries: a phrase must start a word, and must end one unless it is a stem (trailing {@code
 * *}). A word inside a phrase may be a stem too ({@code "военн* сотрудничеств*"} matches "военное
 * сотрудничество" and "военного сотрудничества"): the pass finds the phrase's first stem and the
 * rest of the phrase is then checked where it was found.
 */
public final class PhraseMatcher<T> {

  /** A match of a phrase with the value it stands for. */
  public record Hit<T>(T value, int start, int end) {}

  private record Phrase<T>(T value, boolean stem, Pattern rest) {}

  private final Trie trie;
  private final Map<String, List<Phrase<T>>> phrases = new HashMap<>();

  /** Creates a matcher for phrases mapped to the values they stand for. */
  public PhraseMatcher(Map<String, List<T>> dictionary) {
    Trie.TrieBuilder builder = Trie.builder();
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
          builder.addKeyword(key);
          for (T value : values) {
            phrases
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(new Phrase<>(value, stem, rest));
          }
        });
    this.trie = builder.build();
  }

  /** Returns every match in {@code text}, in order of position. */
  public List<Hit<T>> find(String text) {
    String folded = TextNormalizer.fold(text);
    List<Hit<T>> hits = new ArrayList<>();
    Matcher matcher = null;
    for (Emit emit : trie.parseText(folded)) {
      int start = emit.getStart();
      int end = emit.getEnd() + 1;
      if (start > 0 && TextNormalizer.isWordChar(folded.charAt(start - 1))) {
        continue;
      }
      boolean endsWord = end >= folded.length() || !TextNormalizer.isWordChar(folded.charAt(end));
      for (Phrase<T> phrase : phrases.getOrDefault(emit.getKeyword(), List.of())) {
        if (phrase.rest() != null) {
          matcher = phrase.rest().matcher(folded);
          matcher.region(end, folded.length());
          if (matcher.lookingAt()) {
            hits.add(new Hit<>(phrase.value(), start, matcher.end()));
          }
        } else if (endsWord || phrase.stem()) {
          hits.add(new Hit<>(phrase.value(), start, end));
        }
      }
    }
    return hits;
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
