package dev.tocsin.enrich.dedup;

import dev.tocsin.enrich.text.TextNormalizer;
import java.util.Arrays;

/**
 * MinHash signatures over word 3-shingles, and their LSH band keys; deterministic across JVMs.
 *
 * <p>A signature is a one-permutation MinHash with optimal densification: each shingle is hashed
 * once, the hash's top bits pick one of the signature's bins and its low 31 bits are the value, and
 * each bin keeps the least value that falls in it. A bin no shingle fell in takes the value of the
 * first non-empty bin on a probe sequence of its own, the same for every text, so that two texts
 * agree on a bin with probability equal to their Jaccard similarity, as with one permutation a bin,
 * at the cost of one hash a shingle instead of one a shingle and bin.
 *
 * <p>With 128 bins in 32 bands of 4 rows, two texts become candidates with probability
 * 1-(1-s^4)^32: about 0.5 at Jaccard similarity 0.42 and above 0.99 from 0.7.
 */
public final class MinHash {

  /**
   * The version of the signature's definition, stored with every signature: a signature of another
   * version is not compared with this one's.
   */
  public static final int SCHEME = 2;

  private static final int SHINGLE = 3;
  private static final int EMPTY = -1;
  // Probe sequences longer than this are not needed: with one shingle in 128 bins the chance of
  // 4,096 misses in a row is below 1e-13; past it the bin takes the first non-empty bin's value.
  private static final int MAX_PROBES = 4096;

  private final int bins;
  private final long seed;
  private final long probeSeed;

  /** Creates a hasher of signatures of {@code bins} values, derived from {@code seed}. */
  public MinHash(int bins, long seed) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be positive: " + bins);
    }
    this.bins = bins;
    this.seed = Hashing.mix(seed + 0x9E3779B97F4A7C15L);
    this.probeSeed = Hashing.mix(this.seed + 0x9E3779B97F4A7C15L);
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

  /** Returns the signature of {@code text}, empty when it has no shingle. */
  public int[] signature(String text) {
    long[] shingles = shingles(text);
    if (shingles.length == 0) {
      return new int[0];
    }
    int[] sig = new int[bins];
    Arrays.fill(sig, EMPTY);
    for (long shingle : shingles) {
      long z = Hashing.mix(shingle ^ seed);
      int bin = bin(z >>> 32);
      int value = (int) (z & Integer.MAX_VALUE);
      if (sig[bin] == EMPTY || value < sig[bin]) {
        sig[bin] = value;
      }
    }
    int[] dense = sig.clone();
    for (int i = 0; i < bins; i++) {
      if (sig[i] == EMPTY) {
        dense[i] = borrowed(sig, i);
      }
    }
    return dense;
  }

  // The value of the first bin that a shingle fell in on empty bin i's probe sequence.
  private int borrowed(int[] sig, int bin) {
    for (int attempt = 1; attempt <= MAX_PROBES; attempt++) {
      int probe = bin(Hashing.mix(probeSeed ^ ((long) bin << 32 | attempt)) >>> 32);
      if (sig[probe] != EMPTY) {
        return sig[probe];
      }
    }
    for (int value : sig) {
      if (value != EMPTY) {
        return value;
      }
    }
    return EMPTY;
  }

  // Maps 32 uniform bits to a bin in [0, bins).
  private int bin(long bits32) {
    return (int) (bits32 * bins >>> 32);
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
