package dev.tocsin.enrich.dedup;

import dev.tocsin.enrich.text.TextNormalizer;
import java.util.Arrays;

/**
 * MinHash signatures over word 3-shingles, and their LSH band keys; deterministic across JVMs.
 *
 * <p>With 128 hashes in 32 bands of 4 rows, two texts become candidates with probability
 * 1-(1-s^4)^32: about 0.5 at Jaccard similarity 0.42 and above 0.99 from 0.7.
 */
public final class MinHash {

  private static final int SHINGLE = 3;

  private final long[] seeds;

  /** Creates a hasher of {@code numHashes} permutations derived from {@code seed}. */
  public MinHash(int numHashes, long seed) {
    seeds = new long[numHashes];
    long s = seed;
    for (int i = 0; i < numHashes; i++) {
      s = Hashing.mix(s + 0x9E3779B97F4A7C15L);
      seeds[i] = s;
    }
  }

  /** Fewer words make every short story look alike: such stories match on exact content only. */
  public static final int MIN_WORDS = 8;

  /** Returns true when {@code text} has enough words for a meaningful signature. */
  public static boolean hasEnoughWords(String text) {
    // Words are runs of non-whitespace, as String.split("\\s+") counts them.
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length() && words < MIN_WORDS; i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words >= MIN_WORDS;
  }

  /** Returns the signature of {@code text}. */
  public int[] signature(String text) {
    long[] shingles = shingles(text);
    int[] sig = new int[seeds.length];
    Arrays.fill(sig, Integer.MAX_VALUE);
    long[] hashes = new long[seeds.length];
    for (long shingle : shingles) {
      // Hashing.mix(shingle ^ seed) under every seed, then the minima: two plain loops over
      // arrays, which the JIT compiles to vector instructions (faster than one seed at a time
      // over the shingles, with the same values).
      for (int i = 0; i < hashes.length; i++) {
        long z = shingle ^ seeds[i];
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        hashes[i] = (z ^ (z >>> 31)) >>> 33;
      }
      for (int i = 0; i < sig.length; i++) {
        int h = (int) hashes[i];
        if (h < sig[i]) {
          sig[i] = h;
        }
      }
    }
    return sig;
  }

  /** Returns the estimated Jaccard similarity of two signatures. */
  public static double similarity(int[] a, int[] b) {
    if (a.length == 0 || a.length != b.length) {
      return 0;
    }
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / a.length;
  }

  /**
   * Returns how many positions two signatures agree on, or a smaller number once they disagree on
   * too many to reach {@code atLeast}: a candidate far from the threshold costs a fraction of a
   * full comparison.
   */
  public static int agreeing(int[] a, int[] b, int atLeast) {
    if (a.length == 0 || a.length != b.length) {
      return 0;
    }
    int allowed = a.length - atLeast;
    int same = 0;
    int different = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        same++;
      } else if (++different > allowed) {
        return same;
      }
    }
    return same;
  }

  /** Returns one hash per band, of the band's number and rows: two texts share a band's hash. */
  public static long[] bandHashes(int[] sig, int bands) {
    int rows = sig.length / bands;
    long[] hashes = new long[bands];
    for (int b = 0; b < bands; b++) {
      long h = b;
      for (int r = 0; r < rows; r++) {
        h = Hashing.mix(h * 31 + sig[b * rows + r]);
      }
      hashes[b] = h;
    }
    return hashes;
  }

  /**
   * Returns the distinct hashes of the text's word 3-shingles, sorted. Words are the runs of
   * letters and numbers (Unicode classes L and N) of the folded text.
   */
  static long[] shingles(String text) {
    long[] words = new long[16];
    int count = 0;
    long h = Hashing.FNV_OFFSET;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      char unit = text.charAt(i);
      // Folding maps a unit to a unit and leaves surrogates alone: the folded text's code points
      // are read here as they come.
      int c =
          Character.isHighSurrogate(unit)
              ? Character.codePointAt(text, i)
              : TextNormalizer.foldChar(unit);
      if (TextNormalizer.isLetterOrNumber(c)) {
        // FNV-1a over the UTF-16 units of the word.
        if (Character.isSupplementaryCodePoint(c)) {
          h = Hashing.fnv(h, Character.highSurrogate(c));
          h = Hashing.fnv(h, Character.lowSurrogate(c));
        } else {
          h = Hashing.fnv(h, (char) c);
        }
        inWord = true;
      } else if (inWord) {
        words = append(words, count++, h);
        h = Hashing.FNV_OFFSET;
        inWord = false;
      }
      i += Character.charCount(c);
    }
    if (inWord) {
      words = append(words, count++, h);
    }
    if (count < SHINGLE) {
      return new long[0];
    }
    long[] out = new long[count - SHINGLE + 1];
    for (int i = 0; i < out.length; i++) {
      long shingle = 0x51_7C_C1_B7_27_22_0A_95L;
      for (int j = i; j < i + SHINGLE; j++) {
        shingle = Hashing.mix(shingle ^ words[j]);
      }
      out[i] = shingle;
    }
    Arrays.sort(out);
    int distinct = 0;
    for (int i = 0; i < out.length; i++) {
      if (i == 0 || out[i] != out[i - 1]) {
        out[distinct++] = out[i];
      }
    }
    return distinct == out.length ? out : Arrays.copyOf(out, distinct);
  }

  private static long[] append(long[] words, int at, long word) {
    long[] out = at < words.length ? words : Arrays.copyOf(words, words.length * 2);
    out[at] = word;
    return out;
  }
}
