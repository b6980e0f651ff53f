package dev.tocsin.enrich.entity;

import dev.tocsin.enrich.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Finds every phrase of a dictionary in one pass (Aho–Corasick), on folded text, respecting word
 * boundaries: a phrase must start a word, and must end one unless it is a stem (trailing {@code
 * *}).
 */
public final class PhraseMatcher<T> {

  /** A match of a phrase with the value it stands for. */
  public record Hit<T>(T value, int start, int end) {}

  private record Phrase<T>(T value, boolean stem) {}

  private final Trie trie;
  private final Map<String, List<Phrase<T>>> phrases = new HashMap<>();

  /** Creates a matcher for phrases mapped to the values they stand for. */
  public PhraseMatcher(Map<String, List<T>> dictionary) {
    Trie.TrieBuilder builder = Trie.builder();
    dictionary.forEach(
        (raw, values) -> {
          boolean stem = raw.endsWith("*");
          String key = TextNormalizer.fold(stem ? raw.substring(0, raw.length() - 1) : raw).strip();
          if (key.isEmpty()) {
            return;
          }
          builder.addKeyword(key);
          for (T value : values) {
            phrases.computeIfAbsent(key, k -> new ArrayList<>()).add(new Phrase<>(value, stem));
          }
        });
    this.trie = builder.build();
  }

  /** Returns every match in {@code text}, in order of position. */
  public List<Hit<T>> find(String text) {
    String folded = TextNormalizer.fold(text);
    List<Hit<T>> hits = new ArrayList<>();
    for (Emit emit : trie.parseText(folded)) {
      int start = emit.getStart();
      int end = emit.getEnd() + 1;
      if (start > 0 && TextNormalizer.isWordChar(folded.charAt(start - 1))) {
        continue;
      }
      boolean endsWord = end >= folded.length() || !TextNormalizer.isWordChar(folded.charAt(end));
      for (Phrase<T> phrase : phrases.getOrDefault(emit.getKeyword(), List.of())) {
        if (endsWord || phrase.stem()) {
          hits.add(new Hit<>(phrase.value(), start, end));
        }
      }
    }
    return hits;
  }
}
