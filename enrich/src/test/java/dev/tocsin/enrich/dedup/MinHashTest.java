package dev.tocsin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinHashTest {

  private final MinHash minHash = new MinHash(128, DedupSettings.MINHASH_SEED);

  @Test
  void shouldCountWordsAsRunsOfNonWhitespace() {
    assertThat(MinHash.hasEnoughWords("one two three four five six seven")).isFalse();
    assertThat(MinHash.hasEnoughWords("  one two\tthree\nfour five six seven eight  ")).isTrue();
    assertThat(MinHash.hasEnoughWords("KN-23, Hwasong-11; 240-mm: a b c d e")).isTrue();
    assertThat(MinHash.hasEnoughWords("")).isFalse();
  }

  @Test
  void shouldShingleWordsOfEveryScriptAndIgnorePunctuationAndCase() {
    // Three words make one shingle; punctuation and case do not change it.
    assertThat(MinHash.shingles("Войска КНДР, Курск")).hasSize(1);
    assertThat(MinHash.shingles("войска кндр курск"))
        .isEqualTo(MinHash.shingles("Войска КНДР, Курск"));
    assertThat(MinHash.shingles("북한군 쿠르스크 파병 2024")).hasSize(2);
    assertThat(MinHash.shingles("two words")).isEmpty();
    // A repeated shingle counts once; the hashes come sorted.
    long[] repeated = MinHash.shingles("a b c a b c a b c");
    assertThat(repeated).hasSize(3).isSorted();
  }

  @Test
  void shouldEstimateSimilarityOfCopies() {
    String text =
        "North Korea has sent about 12,000 troops to Russia's Kursk region, South Korea's spy"
            + " agency said on Wednesday, citing satellite imagery and intercepted messages.";
    assertThat(MinHash.similarity(minHash.signature(text), minHash.signature(text))).isEqualTo(1.0);
    double edited =
        MinHash.similarity(
            minHash.signature(text),
            minHash.signature(text.replace("Wednesday", "Thursday") + " (Reuters)"));
    assertThat(edited).isBetween(0.5, 0.99);
    double other =
        MinHash.similarity(
            minHash.signature(text),
            minHash.signature(
                "Russia and China held joint naval drills in the Sea of Japan this week, the"
                    + " defence ministry in Moscow said, the third such exercise this year."));
    assertThat(other).isLessThan(0.1);
  }

  // The signature is defined as, for each permutation seed, the least of the shingles' SplitMix64
  // hashes under that seed (top 31 bits): stored signatures depend on it staying exactly so.
  @Test
  void shouldKeepEachPermutationTheLeastSplitMixHashOfTheShingles() {
    String text =
        "Пхеньян направил в Курскую область ещё 3000 военнослужащих, сообщила разведка Южной"
            + " Кореи; North Korea sent 3,000 more troops to Kursk, Seoul's spy agency said.";
    long[] seeds = new long[128];
    long s = DedupSettings.MINHASH_SEED;
    for (int i = 0; i < seeds.length; i++) {
      s = Hashing.mix(s + 0x9E3779B97F4A7C15L);
      seeds[i] = s;
    }
    int[] expected = new int[seeds.length];
    java.util.Arrays.fill(expected, Integer.MAX_VALUE);
    for (long shingle : MinHash.shingles(text)) {
      for (int i = 0; i < seeds.length; i++) {
        expected[i] = Math.min(expected[i], (int) (Hashing.mix(shingle ^ seeds[i]) >>> 33));
      }
    }
    assertThat(minHash.signature(text)).containsExactly(expected);
  }

  // Shingles are defined on the folded text's words (runs of letters and numbers, by code point),
  // each hashed FNV-1a over its UTF-16 units: stored signatures depend on that too.
  @Test
  void shouldShingleTheFoldedTextsWordsByCodePoint() throws java.io.IOException {
    java.util.List<String> texts = new java.util.ArrayList<>();
    texts.add("ＫＮ－２３ and Ⅻ divisions, ½ of ²⁰ troops; 北노동자들 파병 𝐀𝐁𝐂 words 😀 go 𝟏𝟐 left");
    texts.add("\uD800 unpaired \uDC00 surrogates ёлка ЁЛКА İstanbul ǅemal");
    try (java.io.InputStream in = getClass().getResourceAsStream("/eval/stories.jsonl")) {
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      for (String line :
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          var story = json.readTree(line);
          texts.add(story.get("title").asText() + "\n" + story.get("body").asText());
        }
      }
    }
    for (String text : texts) {
      assertThat(MinHash.shingles(text)).as(text).containsExactly(definedShingles(text));
    }
  }

  private static long[] definedShingles(String text) {
    String folded = dev.tocsin.enrich.text.TextNormalizer.fold(text);
    java.util.List<Long> words = new java.util.ArrayList<>();
    StringBuilder word = new StringBuilder();
    folded
        .codePoints()
        .forEach(
            c -> {
              int type = Character.getType(c);
              boolean letterOrNumber =
                  Character.isLetter(c)
                      || type == Character.DECIMAL_DIGIT_NUMBER
                      || type == Character.LETTER_NUMBER
                      || type == Character.OTHER_NUMBER;
              if (letterOrNumber) {
                word.appendCodePoint(c);
              } else if (word.length() > 0) {
                words.add(fnv(word));
                word.setLength(0);
              }
            });
    if (word.length() > 0) {
      words.add(fnv(word));
    }
    java.util.TreeSet<Long> shingles = new java.util.TreeSet<>();
    for (int i = 0; i + 3 <= words.size(); i++) {
      long shingle = 0x51_7C_C1_B7_27_22_0A_95L;
      for (int j = i; j < i + 3; j++) {
        shingle = Hashing.mix(shingle ^ words.get(j));
      }
      shingles.add(shingle);
    }
    return shingles.stream().mapToLong(Long::longValue).toArray();
  }

  private static long fnv(CharSequence word) {
    long h = Hashing.FNV_OFFSET;
    for (int i = 0; i < word.length(); i++) {
      h = Hashing.fnv(h, word.charAt(i));
    }
    return h;
  }
}
