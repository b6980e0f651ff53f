package dev.tocsin.enrich.dedup;

/**
 * The 64-bit hashes of the de-duplication code: fixed functions, so that what one JVM stores
 * another reads the same way.
 */
public final class Hashing {

  private Hashing() {}

  /** FNV-1a's starting value, for hashing text as it is read ({@link #fnv}). */
  public static final long FNV_OFFSET = 0xcbf29ce484222325L;

  /** Returns FNV-1a over the UTF-16 units of {@code s}, spread by {@link #mix}. */
  public static long of(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) {
      h = fnv(h, s.charAt(i));
    }
    return mix(h);
  }

  /** Returns FNV-1a's hash {@code h} extended by the UTF-16 unit {@code c}. */
  public static long fnv(long h, char c) {
    return (h ^ c) * 0x100000001b3L;
  }

  /** Returns SplitMix64's finalizer of {@code z}: a fixed, well-mixed 64-bit hash. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
