package dev.tocsin.enrich.dedup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.enrich.entity.PhraseMatcher;
import dev.tocsin.enrich.text.TextNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * News concepts named alike in English, Russian and Korean ("satellite imagery", "спутниковые
 * снимки", "위성사진"), beyond the watch profile's entities: who said it, what was seen, where and
 * when. They make the gists of a story and its translations agree on more than the profile's names.
 * The bundled lexicon is {@code dedup/concepts.yaml}; phrases follow the profile's matching rules
 * ({@code *} marks a stem).
 *
 * <p>Korean writes compound nouns as one word ("여자축구", women's football; "전용열차", a private train),
 * so a phrase of Hangul syllables marked with a leading {@code ~} ({@code "~축구*"}) is also found
 * where it starts inside a Hangul word, and is always a stem there (particles follow it). Only
 * phrases marked so are looked for inside words: most short Korean nouns also occur inside longer
 * unrelated ones.
 */
public final class ConceptLexicon {

  private static final String RESOURCE = "/dedup/concepts.yaml";

  private static final class Holder {
    static final ConceptLexicon SHARED = load();
  }

  private static final String INSIDE_WORDS = "~";

  private final PhraseMatcher<String> matcher;
  // The marked phrases' folded Hangul, without the marks, and the concept of each.
  private final List<String> infixes = new ArrayList<>();
  private final List<String> infixConcepts = new ArrayList<>();

  /**
   * Creates a lexicon from concept ids mapped to their phrases.
   *
   * @throws IllegalArgumentException when a phrase marked {@code ~} is not all Hangul
   */
  public ConceptLexicon(Map<String, List<String>> concepts) {
    Objects.requireNonNull(concepts, "concepts");
    Map<String, List<String>> byPhrase = new HashMap<>();
    concepts.forEach(
        (id, phrases) ->
            phrases.forEach(
                p -> byPhrase.computeIfAbsent(unmarked(id, p), k -> new ArrayList<>()).add(id)));
    this.matcher = new PhraseMatcher<>(byPhrase);
  }

  // The phrase without its mark; a marked one is also kept, as bare Hangul, to find inside words.
  private String unmarked(String id, String phrase) {
    if (!phrase.startsWith(INSIDE_WORDS)) {
      return phrase;
    }
    String bare = phrase.substring(INSIDE_WORDS.length());
    String infix = TextNormalizer.fold(bare.replace("*", "")).strip();
    if (infix.isEmpty() || !infix.chars().allMatch(ConceptLexicon::isHangul)) {
      throw new IllegalArgumentException(
          "Concept "
              + id
              + ": only a phrase of Hangul syllables may be marked "
              + INSIDE_WORDS
              + ", not \""
              + phrase
              + "\"");
    }
    infixes.add(infix);
    infixConcepts.add(id);
    return bare;
  }

  private static boolean isHangul(int c) {
    return c >= 0xAC00 && c <= 0xD7A3;
  }

  /** Returns the bundled lexicon. */
  public static ConceptLexicon shared() {
    return Holder.SHARED;
  }

  /** Returns the ids of the concepts {@code text} mentions. */
  public Set<String> find(String text) {
    Set<String> out = new TreeSet<>();
    if (text != null) {
      matcher.find(text).forEach(hit -> out.add(hit.value()));
      if (!infixes.isEmpty()) {
        findInsideWords(text, out);
      }
    }
    return out;
  }

  // Where a marked phrase starts inside a Hangul word (a start of a word is the matcher's). Hangul
  // syllables fold to themselves, so the text is searched as it is, and only when it has any.
  private void findInsideWords(String text, Set<String> out) {
    if (text.chars().noneMatch(ConceptLexicon::isHangul)) {
      return;
    }
    for (int i = 0; i < infixes.size(); i++) {
      String infix = infixes.get(i);
      for (int at = text.indexOf(infix, 1); at > 0; at = text.indexOf(infix, at + 1)) {
        if (isHangul(text.charAt(at - 1))) {
          out.add(infixConcepts.get(i));
          break;
        }
      }
    }
  }

  private static ConceptLexicon load() {
    try (InputStream in = ConceptLexicon.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + RESOURCE);
      }
      Map<String, List<String>> concepts =
          new ObjectMapper(new YAMLFactory())
              .readValue(in, new TypeReference<Map<String, List<String>>>() {});
      return new ConceptLexicon(concepts);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
