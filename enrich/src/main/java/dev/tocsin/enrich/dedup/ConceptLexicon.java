package dev.tocsin.enrich.dedup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.enrich.entity.PhraseMatcher;
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
 */
public final class ConceptLexicon {

  private static final String RESOURCE = "/dedup/concepts.yaml";

  private static final class Holder {
    static final ConceptLexicon SHARED = load();
  }

  private final PhraseMatcher<String> matcher;

  /** Creates a lexicon from concept ids mapped to their phrases. */
  public ConceptLexicon(Map<String, List<String>> concepts) {
    Objects.requireNonNull(concepts, "concepts");
    Map<String, List<String>> byPhrase = new HashMap<>();
    concepts.forEach(
        (id, phrases) ->
            phrases.forEach(p -> byPhrase.computeIfAbsent(p, k -> new ArrayList<>()).add(id)));
    this.matcher = new PhraseMatcher<>(byPhrase);
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
    }
    return out;
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
