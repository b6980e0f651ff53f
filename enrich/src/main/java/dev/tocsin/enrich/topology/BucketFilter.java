package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.Hashing;

/**
 * A Bloom filter of the bucket keys an index holds, so that a bucket it rules out is not looked for
 * in the store. Most buckets a story probes are empty (an LSH band that no other story shares, a
 * figure no other story gives), and with a large index each such look-up was a RocksDB seek.
 *
 * <p>Never a false "absent": every key added answers "maybe". About 2% of absent keys answer
 * "maybe" too while the filter holds at most its capacity; past it, the index builds a larger one.
 * Keys cannot be removed: the index builds a new filter when it drops expired members.
 */
final class BucketFilter {

  /** Keys a filter is built for at least: 1,048,576 keys take 1.25 MB. */
  static final int MIN_CAPACITY = 1 << 20;

  private static final int BITS_PER_KEY = 10;
  private static final int HASHES = 3;

  private final long[] words;
  private final long mask;
  private final long capacity;
  private long added;

  /** Creates an empty filter for at least {@code expectedKeys} keys. */
  BucketFilter(long expectedKeys) {
    long wanted = Math.max(expectedKeys, MIN_CAPACITY) * BITS_PER_KEY;
    long bits = Long.highestOneBit(wanted - 1) << 1;
    if (bits > 1L << 36) {
      throw new IllegalArgumentException("Too many bucket keys for one filter: " + expectedKeys);
    }
    this.words = new long[(int) (bits >>> 6)];
    this.mask = bits - 1;
    this.capacity = bits / BITS_PER_KEY;
  }

  /** Returns the number of keys the filter was built for. */
  long capacity() {
    return capacity;
  }

  /** Adds a key. */
  void add(String key) {
    long h = Hashing.of(key);
    long step = (h >>> 32) | 1;
    for (int i = 0; i < HASHES; i++) {
      long bit = (h + i * step) & mask;
      words[(int) (bit >>> 6)] |= 1L << bit;
    }
    added++;
  }

  /** Returns false only when {@code key} was never added. */
  boolean mightContain(String key) {
    long h = Hashing.of(key);
    long step = (h >>> 32) | 1;
    for (int i = 0; i < HASHES; i++) {
      long bit = (h + i * step) & mask;
      if ((words[(int) (bit >>> 6)] & 1L << bit) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns true when more keys were added than the filter was built for. */
  boolean full() {
    return added > capacity;
  }

  /** Returns the number of additions (a key added twice counts twice). */
  long added() {
    return added;
  }
}
