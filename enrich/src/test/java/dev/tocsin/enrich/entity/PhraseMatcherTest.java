package dev.tocsin.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-start trie of {@link PhraseMatcher} finds exactly what an Aho–Corasick scan of the whole
 * text finds once the hits that do not start a word are dropped ({@link AhoCorasickPhraseMatcher}),
 * in the same order: on the evaluation stories and on texts made to put every phrase of the bundled
 * profile and concept lexicon at word starts, inside words, after Han ideographs and before
 * inflections.
 */
class PhraseMatcherTest {

  private static final String GLUE = " ,.-\n\"(";

  @Test
  void shouldKeepWordBoundariesStemsAndInnerStems() {
    PhraseMatcher<String> matcher =
        new PhraseMatcher<>(
            Map.of(
                "North Korea", List.of("prk"),
                "военн* сотрудничеств*", List.of("military-cooperation"),
                "росси*", List.of("rus"),
                "러시아", List.of("rus"),
                "北*", List.of("prk")));
    assertThat(values(matcher.find("Talks with North Korea began."))).containsExactly("prk@11-22");
    assertThat(values(matcher.find("Talks with North Koreans began."))).isEmpty();
    assertThat(values(matcher.find("Sub-North Korea"))).containsExactly("prk@4-15");
    assertThat(values(matcher.find("о военном сотрудничестве с Россией")))
        .containsExactly("military-cooperation@2-24", "rus@27-32");
    assertThat(values(matcher.find("ВОЕННОЕ СОТРУДНИЧЕСТВО")))
        .containsExactly("military-cooperation@0-22");
    assertThat(values(matcher.find("북러시아 北러시아"))).containsExactly("prk@5-6", "rus@6-9");
    assertThat(values(matcher.find(""))).isEmpty();
  }

  @Test
  void shouldFindWhatTheWholeTextScanFindsOnTheEvaluationStories() throws IOException {
    Map<String, List<String>> dictionary = bundledPhrases();
    PhraseMatcher<String> matcher = new PhraseMatcher<>(dictionary);
    AhoCorasickPhraseMatcher<String> reference = new AhoCorasickPhraseMatcher<>(dictionary);
    ObjectMapper json = new ObjectMapper();
    int texts = 0;
    int hits = 0;
    try (InputStream in = getClass().getResourceAsStream("/eval/stories.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode story = json.readTree(line);
        for (String text : List.of(story.get("title").asText(), story.get("body").asText())) {
          List<String> found = values(matcher.find(text));
          assertThat(found).as(text).isEqualTo(referenceValues(reference.find(text)));
          texts++;
          hits += found.size();
        }
      }
    }
    System.out.printf("phrase matcher agrees on %d texts, %d hits%n", texts, hits);
    assertThat(hits).isGreaterThan(texts);
  }

  @Test
  void shouldFindWhatTheWholeTextScanFindsWithPhrasesInAndAroundWords() throws IOException {
    Map<String, List<String>> dictionary = bundledPhrases();
    PhraseMatcher<String> matcher = new PhraseMatcher<>(dictionary);
    AhoCorasickPhraseMatcher<String> reference = new AhoCorasickPhraseMatcher<>(dictionary);
    List<String> phrases = new ArrayList<>(dictionary.keySet());
    String[] affixes = {"", "", "", "a", "ов", "의", "北", "s", "ского", "у ", "-"};
    Random random = new Random(11);
    int hits = 0;
    for (int t = 0; t < 3_000; t++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 12; w++) {
        String phrase = phrases.get(random.nextInt(phrases.size())).replace("*", "");
        if (random.nextInt(4) == 0) {
          phrase = phrase.toUpperCase(java.util.Locale.ROOT);
        }
        text.append(affixes[random.nextInt(affixes.length)])
            .append(phrase)
            .append(affixes[random.nextInt(affixes.length)])
            .append(GLUE.charAt(random.nextInt(GLUE.length())));
      }
      String s = text.toString();
      List<String> found = values(matcher.find(s));
      assertThat(found).as(s).isEqualTo(referenceValues(reference.find(s)));
      hits += found.size();
    }
    System.out.printf("phrase matcher agrees on 3000 made-up texts, %d hits%n", hits);
    assertThat(hits).isGreaterThan(3_000);
  }

  // Every string of the bundled profile and concept lexicon, as a phrase standing for itself: ids
  // and labels among them only add keys.
  private static Map<String, List<String>> bundledPhrases() throws IOException {
    Map<String, List<String>> dictionary = new LinkedHashMap<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (String resource : List.of("/profiles/russia-dprk.yaml", "/dedup/concepts.yaml")) {
      try (InputStream in = PhraseMatcherTest.class.getResourceAsStream(resource)) {
        collect(yaml.readTree(in), dictionary);
      }
    }
    assertThat(dictionary).hasSizeGreaterThan(500);
    return dictionary;
  }

  private static void collect(JsonNode node, Map<String, List<String>> dictionary) {
    if (node.isTextual() && !node.asText().isBlank() && node.asText().length() < 60) {
      dictionary.put(node.asText(), List.of(node.asText()));
    }
    node.elements().forEachRemaining(child -> collect(child, dictionary));
  }

  private static List<String> values(List<PhraseMatcher.Hit<String>> hits) {
    return hits.stream().map(h -> h.value() + "@" + h.start() + "-" + h.end()).toList();
  }

  private static List<String> referenceValues(List<AhoCorasickPhraseMatcher.Hit<String>> hits) {
    return hits.stream().map(h -> h.value() + "@" + h.start() + "-" + h.end()).toList();
  }
}
