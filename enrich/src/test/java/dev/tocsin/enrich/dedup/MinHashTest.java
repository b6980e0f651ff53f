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

  // The signature is defined as one SplitMix64 hash a shingle, its top 32 bits choosing the bin
  // and its low 31 bits the value, the least value kept a bin, and each empty bin taking the value
  // of the first non-empty bin on its probe sequence: stored signatures depend on it staying so.
  @Test
  void shouldKeepEachBinTheLeastValueOfItsShinglesAndFillEmptyBinsAlongTheirProbes() {
    String text =
        "Пхеньян направил в Курскую область ещё 3000 военнослужащих, сообщила разведка Южной"
            + " Кореи; North Korea sent 3,000 more troops to Kursk, Seoul's spy agency said.";
    long seed = Hashing.mix(DedupSettings.MINHASH_SEED + 0x9E3779B97F4A7C15L);
    long probeSeed = Hashing.mix(seed + 0x9E3779B97F4A7C15L);
    Long[] least = new Long[128];
    for (long shingle : MinHash.shingles(text)) {
      long z = Hashing.mix(shingle ^ seed);
      int bin = (int) (((z >>> 32) * 128) >>> 32);
      long value = z & 0x7fffffff;
      least[bin] = least[bin] == null ? value : Math.min(least[bin], value);
    }
    int[] expected = new int[128];
    int empty = 0;
    for (int i = 0; i < 128; i++) {
      if (least[i] != null) {
        expected[i] = least[i].intValue();
        continue;
      }
      empty++;
      for (int attempt = 1; ; attempt++) {
        long probe = Hashing.mix(probeSeed ^ (((long) i << 32) | attempt));
        Long borrowed = least[(int) (((probe >>> 32) * 128) >>> 32)];
        if (borrowed != null) {
          expected[i] = borrowed.intValue();
          break;
        }
      }
    }
    assertThat(empty).as("the text leaves bins empty").isPositive();
    assertThat(minHash.signature(text)).containsExactly(expected);
  }

  // One hash a shingle estimates the Jaccard similarity of two texts' shingles as well as a hash a
  // shingle and bin: over the evaluation stories and edited copies of them, the mean error of the
  // estimate stays small.
  @Test
  void shouldEstimateTheJaccardSimilarityOfShingles() throws java.io.IOException {
    java.util.List<String> texts = evaluationTexts();
    double error = 0;
    int pairs = 0;
    for (int i = 0; i < texts.size(); i++) {
      String a = texts.get(i);
      String[] words = a.split(" ");
      // An edited copy: every seventh word changed, and another story's text.
      StringBuilder edited = new StringBuilder();
      for (int w = 0; w < words.length; w++) {
        edited.append(w % 7 == 3 ? "changed" + w : words[w]).append(' ');
      }
      for (String b : java.util.List.of(edited.toString(), texts.get((i + 1) % texts.size()))) {
        long[] x = MinHash.shingles(a);
        long[] y = MinHash.shingles(b);
        if (x.length == 0 || y.length == 0) {
          continue;
        }
        error +=
            Math.abs(
                MinHash.similarity(minHash.signature(a), minHash.signature(b)) - jaccard(x, y));
        pairs++;
      }
    }
    double mean = error / pairs;
    System.out.printf(
        java.util.Locale.ROOT,
        "MinHash estimate: mean absolute error %.4f over %d pairs%n",
        mean,
        pairs);
    assertThat(pairs).isGreaterThan(600);
    assertThat(mean).isLessThan(MEAN_ERROR_CEILING);
  }

  // The measured mean error (printed above) is 0.0217; a hash a shingle and bin (the signature's
  // earlier definition) measures 0.0171 on the same pairs.
  static final double MEAN_ERROR_CEILING = 0.04;

  // The title and body of every evaluation story.
  private java.util.List<String> evaluationTexts() throws java.io.IOException {
    java.util.List<String> texts = new java.util.ArrayList<>();
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
    return texts;
  }

  private static double jaccard(long[] a, long[] b) {
    java.util.Set<Long> union = new java.util.HashSet<>();
    java.util.Set<Long> left = new java.util.HashSet<>();
    for (long v : a) {
      union.add(v);
      left.add(v);
    }
    int both = 0;
    for (long v : b) {
      if (left.contains(v)) {
        both++;
      }
      union.add(v);
    }
    return (double) both / union.size();
  }

  // Shingles are defined on the folded text's words (runs of letters and numbers, by code point),
  // each hashed FNV-1a over its UTF-16 units: stored signatures depend on that too.
  @Test
  void shouldShingleTheFoldedTextsWordsByCodePoint() throws java.io.IOException {
    java.util.List<String> texts = new java.util.ArrayList<>();
    texts.add("ＫＮ－２３ and Ⅻ divisions, ½ of ²⁰ troops; 北노동자들 파병 𝐀𝐁𝐂 words 😀 go 𝟏𝟐 left");
    texts.add("\uD800 unpaired \uDC00 surrogates ёлка ЁЛКА İstanbul ǅemal");
    texts.addAll(evaluationTexts());
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
