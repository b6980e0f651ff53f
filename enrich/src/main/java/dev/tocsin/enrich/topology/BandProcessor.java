package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.internal.BandMember;
import dev.tocsin.schemas.internal.BandProbe;
import dev.tocsin.schemas.internal.BandReply;
import dev.tocsin.schemas.internal.DedupSignal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds the stories of each LSH band bucket and answers each probe with the most similar story that
 * reached the bucket before it, when their estimated similarity reaches the threshold.
 *
 * <p>The first story seen is the canonical one. Publication times cannot decide it: a task may
 * process the copy before the original, and the copy's verdict is final once emitted. A story's
 * probes are produced in one burst, so every bucket the two stories share sees them in the same
 * order unless two instances process them within the same milliseconds.
 */
final class BandProcessor implements Processor<String, BandProbe, String, DedupSignal> {

  static final String CONTENT_BAND = "h:";
  private static final int MAX_BUCKET = 64;

  private static final int[] NO_SIGNATURE = new int[0];

  /**
   * A story in a band bucket, decoded. Its signature is stored once per partition, in the signature
   * store, not in each of its band members.
   */
  private record Member(
      String storyId, String rootId, int[] signature, Instant orderAt, Instant seenAt) {

    BandMember avro() {
      return new BandMember(storyId, rootId, ByteBuffer.allocate(0), orderAt, seenAt);
    }
  }

  private final double threshold;
  private final Duration retention;
  private final int cachedMembers;
  private ProcessorContext<String, DedupSignal> context;
  private BucketIndex<BandMember, Member> buckets;
  private KeyValueStore<String, BandMember> signatures;

  /**
   * Creates the processor, keeping {@code cachedMembers} decoded members in memory per task (about
   * 0.7 KB each, chiefly the 128-hash signature).
   */
  BandProcessor(double threshold, Duration retention, int cachedMembers) {
    this.threshold = threshold;
    this.retention = retention;
    this.cachedMembers = cachedMembers;
  }

  /**
   * Returns the probes a story sends: its exact content hash and one key per LSH band, one probe
   * for each partition owning some of them.
   */
  static List<KeyValue<String, BandProbe>> probes(
      EnrichedStory story, MinHash minHash, int bands, KeyRouting routing) {
    RawStory raw = story.getStory();
    Instant orderAt = raw.getPublishedAt() != null ? raw.getPublishedAt() : raw.getFetchedAt();
    String text =
        String.join("\n", raw.getTitle(), nonNull(raw.getSummary()), nonNull(raw.getBody()));
    List<String> keys = new ArrayList<>();
    keys.add(CONTENT_BAND + raw.getContentHash());
    int[] signature = new int[0];
    // Too little text makes every short story look alike; such stories match on exact content only.
    if (MinHash.hasEnoughWords(text)) {
      signature = minHash.signature(text);
      keys.addAll(minHash.bandKeys(signature, bands));
    }
    ByteBuffer bytes = bytes(signature);
    List<KeyValue<String, BandProbe>> probes = new ArrayList<>();
    for (List<String> group : routing.group(keys)) {
      probes.add(
          KeyValue.pair(
              group.get(0),
              BandProbe.newBuilder()
                  .setStoryId(raw.getId())
                  .setBandKey(group.get(0))
                  .setBandKeys(group)
                  .setSignature(bytes)
                  .setOrderAt(orderAt)
                  .build()));
    }
    return probes;
  }

  @Override
  public void init(ProcessorContext<String, DedupSignal> context) {
    this.context = context;
    KeyValueStore<String, BandMember> store = context.getStateStore(EnrichTopology.BAND_STORE);
    this.signatures = context.getStateStore(EnrichTopology.SIGNATURE_STORE);
    this.buckets =
        new BucketIndex<>(
            store,
            new BucketIndex.Codec<>(this::member, Member::avro, Member::storyId, Member::seenAt),
            MAX_BUCKET,
            cachedMembers);
    context.schedule(EnrichTopology.RETENTION_SWEEP, PunctuationType.STREAM_TIME, this::expire);
  }

  /**
   * Forgets the fingerprints of stories that entered the bucket longer than the retention before
   * stream time (record time, not publication time: a backfilled story dated years ago stays
   * matchable for the whole retention), so the store stays bounded.
   */
  void expire(long streamTime) {
    Instant oldest = Instant.ofEpochMilli(streamTime).minus(retention);
    buckets.expire(oldest);
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, BandMember> all = signatures.all()) {
      while (all.hasNext()) {
        KeyValue<String, BandMember> entry = all.next();
        if (entry.value.getSeenAt() != null && entry.value.getSeenAt().isBefore(oldest)) {
          expired.add(entry.key);
        }
      }
    }
    // put(null), not delete(): delete decodes the old value only to return it.
    expired.forEach(id -> signatures.put(id, null));
  }

  /** Decodes a stored band member, with its story's signature from the signature store. */
  private Member member(BandMember stored) {
    BandMember signature = signatures.get(stored.getStoryId());
    return new Member(
        stored.getStoryId(),
        stored.getRootId(),
        signature == null ? NO_SIGNATURE : ints(signature.getSignature()),
        stored.getOrderAt(),
        stored.getSeenAt());
  }

  /** Answers a probe with the best earlier story over all its band buckets. */
  @Override
  public void process(Record<String, BandProbe> record) {
    BandProbe probe = record.value();
    int[] signature = ints(probe.getSignature());
    if (signature.length > 0) {
      signatures.put(
          probe.getStoryId(),
          new BandMember(
              probe.getStoryId(),
              null,
              probe.getSignature(),
              probe.getOrderAt(),
              Instant.ofEpochMilli(record.timestamp())));
    }
    List<String> keys =
        probe.getBandKeys().isEmpty() ? List.of(probe.getBandKey()) : probe.getBandKeys();
    BandReply best = null;
    for (String key : keys) {
      BandReply reply = match(key, probe, signature, record.timestamp());
      if (reply.getCanonicalId() != null
          && (best == null || DedupVerdictProcessor.better(reply, best))) {
        best = reply;
      }
    }
    BandReply reply =
        best != null
            ? new BandReply(
                probe.getStoryId(),
                probe.getBandKey(),
                best.getCanonicalId(),
                best.getScore(),
                best.getMethod())
            : new BandReply(probe.getStoryId(), probe.getBandKey(), null, 0.0, DedupMethod.UNKNOWN);
    context.forward(
        new Record<>(
            probe.getStoryId(),
            DedupSignal.newBuilder().setReply(reply).build(),
            record.timestamp()));
  }

  /** Judges the story against one band bucket and enters it there. */
  private BandReply match(String key, BandProbe probe, int[] signature, long timestamp) {
    boolean exact = key.startsWith(CONTENT_BAND);
    Member best = null;
    double bestScore = 0;
    boolean present = false;
    for (Member member : buckets.members(key)) {
      if (member.storyId().equals(probe.getStoryId())) {
        // A re-delivered probe is judged only against the stories that came before it.
        present = true;
        break;
      }
      // A member whose signature expired first (or a text too short for one) matches exactly only.
      double score =
          exact
              ? 1.0
              : member.signature().length == signature.length
                  ? MinHash.similarity(signature, member.signature())
                  : 0.0;
      if (score >= threshold && (score > bestScore || best == null)) {
        best = member;
        bestScore = score;
      }
    }
    String canonical = best == null ? null : rootOf(best);
    if (!present) {
      buckets.add(
          key,
          new Member(
              probe.getStoryId(),
              canonical,
              signature,
              probe.getOrderAt(),
              Instant.ofEpochMilli(timestamp)));
    }
    return new BandReply(
        probe.getStoryId(),
        key,
        canonical,
        bestScore,
        best == null
            ? DedupMethod.UNKNOWN
            : exact ? DedupMethod.CONTENT_HASH : DedupMethod.MINHASH);
  }

  private static String rootOf(Member member) {
    return member.rootId() != null ? member.rootId() : member.storyId();
  }

  private static ByteBuffer bytes(int[] signature) {
    ByteBuffer bytes = ByteBuffer.allocate(signature.length * Integer.BYTES);
    bytes.asIntBuffer().put(signature);
    return bytes;
  }

  private static int[] ints(ByteBuffer bytes) {
    ByteBuffer view = bytes.duplicate();
    int[] out = new int[view.remaining() / Integer.BYTES];
    view.asIntBuffer().get(out);
    return out;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
