package dev.tocsin.enrich.dedup;

import java.util.Arrays;

/**
 * The LSH buckets of {@link StoryIndex}: for each band hash, the slots of the stories that have it.
 * A story has one hash per band (32 by default), so at 200,000 stories this holds millions of
 * entries; they are kept in parallel primitive arrays (a chained hash table of 12 bytes an entry)
 * rather than as boxed keys and lists.
 *
 * <p>Only the low 32 bits of a band hash are kept: two stories that share them by chance only
 * become a candidate pair, which the signature comparison then rejects.
 */
final class BandTable {

  private static final int NONE = -1;

  // heads[bucket]: the latest entry of that bucket, or NONE; entries chain to older ones.
  private int[] heads;
  private int[] keys;
  private int[] slots;
  private int[] next;
  private int size;

  BandTable() {
    clear();
  }

  /** Forgets every entry. */
  void clear() {
    heads = new int[1 << 10];
    Arrays.fill(heads, NONE);
    keys = new int[1 << 10];
    slots = new int[1 << 10];
    next = new int[1 << 10];
    size = 0;
  }

  /** Returns the number of entries (stories times bands). */
  int size() {
    return size;
  }

  /** Indexes the story in {@code slot} under each of its band hashes. */
  void add(int slot, long[] bandHashes) {
    if (size + bandHashes.length > heads.length) {
      grow(Math.max(heads.length * 2, Integer.highestOneBit(size + bandHashes.length) * 2));
    }
    for (long hash : bandHashes) {
      insert((int) hash, slot);
    }
  }

  /**
   * Calls {@code visitor} with the slots sharing a band hash with {@code bandHashes}: for each band
   * hash, the {@code maxPerBand} latest added.
   */
  void forEachCandidate(long[] bandHashes, int maxPerBand, java.util.function.IntConsumer visitor) {
    int mask = heads.length - 1;
    for (long hash : bandHashes) {
      int key = (int) hash;
      int left = maxPerBand;
      for (int e = heads[spread(key) & mask]; e != NONE && left > 0; e = next[e]) {
        if (keys[e] == key) {
          visitor.accept(slots[e]);
          left--;
        }
      }
    }
  }

  private void insert(int key, int slot) {
    int bucket = spread(key) & (heads.length - 1);
    keys[size] = key;
    slots[size] = slot;
    next[size] = heads[bucket];
    heads[bucket] = size;
    size++;
  }

  // One bucket per entry at most: the table doubles with the entries and rehashes them in order,
  // so each bucket keeps its entries newest first.
  private void grow(int capacity) {
    int[] oldKeys = keys;
    int[] oldSlots = slots;
    int n = size;
    heads = new int[capacity];
    Arrays.fill(heads, NONE);
    keys = new int[capacity];
    slots = new int[capacity];
    next = new int[capacity];
    size = 0;
    for (int e = 0; e < n; e++) {
      insert(oldKeys[e], oldSlots[e]);
    }
  }

  private static int spread(int key) {
    return key ^ (key >>> 16);
  }
}
