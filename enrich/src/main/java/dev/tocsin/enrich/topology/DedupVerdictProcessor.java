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

  @Override
  public void process(FixedKeyRecord<String, DedupSignal> record) {
    DedupSignal signal = record.value();
    PendingDedup state = pending.get(record.key());
    if (state == null) {
      state = new PendingDedup(null, 0, new ArrayList<>());
    }
    List<BandReply> replies = new ArrayList<>(state.getReplies());
    if (signal.getStory() != null) {
      state = new PendingDedup(signal.getStory(), signal.getExpectedReplies(), replies);
    }
    if (signal.getReply() != null
        && replies.stream().noneMatch(r -> r.getBandKey().equals(signal.getReply().getBandKey()))) {
      replies.add(signal.getReply());
    }
    state = new PendingDedup(state.getStory(), state.getExpectedReplies(), replies);
    if (state.getStory() == null || replies.size() < state.getExpectedReplies()) {
      pending.put(record.key(), state);
      return;
    }
    pending.delete(record.key());
    BandReply best = null;
    for (BandReply reply : replies) {
      if (reply.getCanonicalId() != null && (best == null || better(reply, best))) {
        best = reply;
      }
    }
    EnrichedStory story = state.getStory();
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

  private static boolean better(BandReply a, BandReply b) {
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
