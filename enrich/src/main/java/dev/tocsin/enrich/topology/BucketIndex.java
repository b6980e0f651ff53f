package dev.tocsin.enrich.topology;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The buckets of an index held by one task (LSH band buckets, gist buckets): a state store with one
 * record per member, keyed {@code bucket NUL ordinal}, and the buckets read so far kept decoded in
 * a bounded cache.
 *
 * <p>One record per member means that a story entering a bucket writes (and sends to the changelog)
 * its own small record, not the whole bucket again; the cache means that a probe compares against
 * decoded members instead of decoding the bucket each time. The store stays the truth: a bucket
 * missing from the cache is read back with a prefix scan, in the order its members entered.
 *
 * <p>A {@link BucketFilter} of the buckets in the store answers most look-ups of an empty bucket
 * without reading the store: it is built from the store when the index is created and after each
 * expiry sweep, and grows with the index.
 *
 * <p>The index must be the only writer of its store, and must be created in the processor's {@code
 * init}: Kafka Streams calls {@code init} again whenever it rebuilds a task's state (after an
 * aborted transaction, say), so a cache or filter never outlives the state it mirrors.
 *
 * @param <A> the store's record type
 * @param <M> the decoded member
 */
final class BucketIndex<A, M> {

  /** Separates the bucket key from the member's ordinal; it cannot occur in a bucket key. */
  static final char SEPARATOR = '\u0000';

  private static final int ORDINAL_DIGITS = 16;

  /**
   * Decodes and encodes members and reads what the index needs from them.
   *
   * @param decode from the store's record
   * @param encode to the store's record
   * @param storyId the member's story
   * @param seenAt stream time when the member entered its bucket, or null (it never expires)
   */
  record Codec<A, M>(
      Function<A, M> decode,
      Function<M, A> encode,
      Function<M, String> storyId,
      Function<M, Instant> seenAt) {}

  private record Entry<M>(long ordinal, M member) {}

  private final KeyValueStore<String, A> store;
  private final Codec<A, M> codec;
  private final int maxMembers;
  private final int maxCachedMembers;
  private final Map<String, List<Entry<M>>> cache = new LinkedHashMap<>(256, 0.75f, true);
  // Members cached, plus one per bucket: an empty bucket read by a look-up still takes room.
  private int cachedMembers;
  private BucketFilter filter;

  /**
   * Creates an index over {@code store} keeping at most {@code maxMembers} per bucket (the oldest
   * go first) and about {@code maxCachedMembers} decoded members in memory.
   */
  BucketIndex(KeyValueStore<String, A> store, Codec<A, M> codec, int maxMembers, int maxCached) {
    this.store = store;
    this.codec = codec;
    this.maxMembers = maxMembers;
    this.maxCachedMembers = maxCached;
    this.filter = buildFilter(0);
  }

  /**
   * Returns the members of {@code bucket}, oldest first: a read-only view, valid until the index
   * next changes.
   */
  List<M> members(String bucket) {
    List<Entry<M>> entries = entries(bucket);
    return new AbstractList<>() {
      @Override
      public M get(int index) {
        return entries.get(index).member();
      }

      @Override
      public int size() {
        return entries.size();
      }
    };
  }

  /**
   * Adds {@code member} to {@code bucket} unless a member with its story id is there, dropping the
   * oldest members beyond the bucket's limit. Returns false when it was already there.
   */
  boolean add(String bucket, M member) {
    List<Entry<M>> entries = entries(bucket);
    String storyId = codec.storyId().apply(member);
    for (Entry<M> entry : entries) {
      if (codec.storyId().apply(entry.member()).equals(storyId)) {
        return false;
      }
    }
    long ordinal = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).ordinal() + 1;
    entries.add(new Entry<>(ordinal, member));
    cachedMembers++;
    store.put(key(bucket, ordinal), codec.encode().apply(member));
    filter.add(bucket);
    if (filter.full()) {
      filter = buildFilter(2 * filter.capacity());
    }
    while (entries.size() > maxMembers) {
      Entry<M> oldest = entries.remove(0);
      cachedMembers--;
      // put(null), not delete(): delete decodes the old value only to return it.
      store.put(key(bucket, oldest.ordinal()), null);
    }
    shrinkCache();
    return true;
  }

  /** Replaces the member of {@code bucket} with story id {@code storyId}, if there is one. */
  void update(String bucket, String storyId, UnaryOperator<M> change) {
    List<Entry<M>> entries = entries(bucket);
    for (int i = 0; i < entries.size(); i++) {
      Entry<M> entry = entries.get(i);
      if (codec.storyId().apply(entry.member()).equals(storyId)) {
        M changed = change.apply(entry.member());
        entries.set(i, new Entry<>(entry.ordinal(), changed));
        store.put(key(bucket, entry.ordinal()), codec.encode().apply(changed));
        return;
      }
    }
  }

  /** Removes every member that entered its bucket before {@code oldest}. */
  void expire(Instant oldest) {
    List<String> expired = new ArrayList<>();
    Set<String> buckets = new HashSet<>();
    BucketFilter kept = new BucketFilter(filter.capacity());
    try (KeyValueIterator<String, A> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, A> entry = all.next();
        Instant seenAt = codec.seenAt().apply(codec.decode().apply(entry.value));
        String bucket = bucketOf(entry.key);
        if (seenAt != null && seenAt.isBefore(oldest)) {
          expired.add(entry.key);
          buckets.add(bucket);
        } else {
          kept.add(bucket);
        }
      }
    }
    for (String key : expired) {
      store.put(key, null);
    }
    filter = kept;
    for (String bucket : buckets) {
      List<Entry<M>> dropped = cache.remove(bucket);
      if (dropped != null) {
        cachedMembers -= dropped.size() + 1;
      }
    }
  }

  // Reads every key of the store into a filter with at least twice as much room as the store
  // needs, so that it grows a while before the next build.
  private BucketFilter buildFilter(long atLeast) {
    long capacity = Math.max(atLeast, BucketFilter.MIN_CAPACITY);
    while (true) {
      BucketFilter built = new BucketFilter(capacity);
      try (KeyValueIterator<String, A> all = store.all()) {
        while (all.hasNext() && 2 * built.added() <= built.capacity()) {
          built.add(bucketOf(all.next().key));
        }
      }
      if (2 * built.added() <= built.capacity()) {
        return built;
      }
      capacity = 2 * built.capacity();
    }
  }

  private static String bucketOf(String key) {
    return key.substring(0, key.lastIndexOf(SEPARATOR));
  }

  private List<Entry<M>> entries(String bucket) {
    List<Entry<M>> entries = cache.get(bucket);
    if (entries == null) {
      entries = filter.mightContain(bucket) ? load(bucket) : new ArrayList<>();
      cache.put(bucket, entries);
      cachedMembers += entries.size() + 1;
      shrinkCache();
    }
    return entries;
  }

  private List<Entry<M>> load(String bucket) {
    List<Entry<M>> entries = new ArrayList<>();
    String prefix = bucket + SEPARATOR;
    // Fixed-width hexadecimal ordinals sort in the order the members entered.
    try (KeyValueIterator<String, A> found = store.prefixScan(prefix, new StringSerializer())) {
      while (found.hasNext()) {
        KeyValue<String, A> entry = found.next();
        long ordinal = Long.parseUnsignedLong(entry.key.substring(prefix.length()), 16);
        entries.add(new Entry<>(ordinal, codec.decode().apply(entry.value)));
      }
    }
    return entries;
  }

  private void shrinkCache() {
    var eldest = cache.entrySet().iterator();
    // The bucket just used is the newest, so it is never the one dropped while others remain.
    while (cachedMembers > maxCachedMembers && cache.size() > 1 && eldest.hasNext()) {
      cachedMembers -= eldest.next().getValue().size() + 1;
      eldest.remove();
    }
  }

  static String key(String bucket, long ordinal) {
    String digits = Long.toHexString(ordinal);
    return bucket + SEPARATOR + "0".repeat(ORDINAL_DIGITS - digits.length()) + digits;
  }

  /**
   * The index of each task, for two processor nodes of a task that share one store (gist probes and
   * gist settles arrive on two repartition topics and cannot meet in one node: the settles come
   * from the probes' own verdicts). Each node resets the task's index in its {@code init}, and
   * looks the index up for each record; the index is built at the first look-up after the last
   * reset, once Kafka Streams has initialised every node of the task, so the store is read once for
   * both nodes.
   */
  static final class PerTask<A, M> {
    private final Map<TaskId, Lazy<A, M>> indexes = new ConcurrentHashMap<>();

    private static final class Lazy<A, M> {
      private final Supplier<BucketIndex<A, M>> create;
      private BucketIndex<A, M> index;

      Lazy(Supplier<BucketIndex<A, M>> create) {
        this.create = create;
      }

      BucketIndex<A, M> get() {
        if (index == null) {
          index = create.get();
        }
        return index;
      }
    }

    void reset(TaskId task, Supplier<BucketIndex<A, M>> create) {
      indexes.put(task, new Lazy<>(create));
    }

    BucketIndex<A, M> get(TaskId task) {
      Lazy<A, M> index = indexes.get(task);
      if (index == null) {
        throw new IllegalStateException("No bucket index initialised for task " + task);
      }
      return index.get();
    }

    void close(TaskId task) {
      indexes.remove(task);
    }
  }
}
