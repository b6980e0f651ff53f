package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.internal.BandReply;
import dev.tocsin.schemas.internal.DedupSignal;
import dev.tocsin.schemas.internal.PendingDedup;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/** Gathers every band's reply about a story and reaches its verdict once all have answered. */
final class DedupVerdictProcessor implements FixedKeyProcessor<String, DedupSignal, EnrichedStory> {

  private FixedKeyProcessorContext<String, EnrichedStory> context;
  private KeyValueStore<String, PendingDedup> pending;

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedStory> context) {
    this.context = context;
    this.pending = context.getStateStore(EnrichTopology.PENDING_STORE);
  }

  /**
   * Keeps the story and the replies under two keys, so that each of a story's band replies reads
   * and rewrites a small record, not the whole story: the story is written once and read once.
   */
  @Override
  public void process(FixedKeyRecord<String, DedupSignal> record) {
    DedupSignal signal = record.value();
    String id = record.key();
    PendingDedup state = pending.get(id);
    if (state == null) {
      state = new PendingDedup(null, 0, new ArrayList<>());
    }
    List<BandReply> replies = new ArrayList<>(state.getReplies());
    int expected = state.getExpectedReplies();
    // A record written before the story was kept apart holds the story itself.
    EnrichedStory story = state.getStory();
    if (signal.getStory() != null) {
      story = signal.getStory();
      expected = signal.getExpectedReplies();
    }
    if (signal.getReply() != null
        && replies.stream().noneMatch(r -> r.getBandKey().equals(signal.getReply().getBandKey()))) {
      replies.add(signal.getReply());
    }
    boolean complete = expected > 0 && replies.size() >= expected;
    if (!complete) {
      if (signal.getStory() != null) {
        pending.put(storyKey(id), new PendingDedup(story, expected, List.of()));
        story = null;
      }
      pending.put(id, new PendingDedup(story, expected, replies));
      return;
    }
    boolean keptApart = story == null;
    if (keptApart) {
      PendingDedup kept = pending.get(storyKey(id));
      if (kept == null) {
        throw new IllegalStateException("Band replies complete but no story kept for " + id);
      }
      story = kept.getStory();
    }
    // put(null), not delete(): delete decodes the old value only to return it.
    pending.put(id, null);
    if (keptApart) {
      pending.put(storyKey(id), null);
    }
    BandReply best = null;
    for (BandReply reply : replies) {
      if (reply.getCanonicalId() != null && (best == null || better(reply, best))) {
        best = reply;
      }
    }
    EnrichedStory verdict =
        best == null
            ? StoryRecords.withVerdict(story, DedupStatus.UNIQUE, null, null, 0.0)
            : StoryRecords.withVerdict(
                story,
                DedupStatus.DUPLICATE,
                best.getCanonicalId(),
                best.getMethod(),
                best.getScore());
    context.forward(record.withValue(verdict));
  }

  private static String storyKey(String id) {
    // NUL cannot occur in a story id, so the story's key never meets another story's replies.
    return id + "\u0000story";
  }

  /** Returns true when reply {@code a} names a better canonical story than {@code b}. */
  static boolean better(BandReply a, BandReply b) {
    if (a.getScore() != b.getScore()) {
      return a.getScore() > b.getScore();
    }
    // Prefer the exact-content answer when scores tie, then the smaller id: replies arrive in any
    // order from the band partitions, and the verdict must not depend on it.
    if ((a.getMethod() == DedupMethod.CONTENT_HASH)
        != (b.getMethod() == DedupMethod.CONTENT_HASH)) {
      return a.getMethod() == DedupMethod.CONTENT_HASH;
    }
    return a.getCanonicalId().compareTo(b.getCanonicalId()) < 0;
  }
}
