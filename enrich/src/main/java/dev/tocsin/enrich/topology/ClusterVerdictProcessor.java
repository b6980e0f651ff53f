package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.GistMatcher;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.internal.ClusterSignal;
import dev.tocsin.schemas.internal.GistReply;
import dev.tocsin.schemas.internal.PendingCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gathers every gist bucket's reply about a judged story and gives it its cluster once all have
 * answered: an original joins the cluster of the best earlier report of the same story (method
 * {@code TRANSLATION}, not suppressed) or starts its own; a copy or revision takes the cluster of
 * the story it copies or revises.
 */
final class ClusterVerdictProcessor
    implements FixedKeyProcessor<String, ClusterSignal, EnrichedStory> {

  private FixedKeyProcessorContext<String, EnrichedStory> context;
  private KeyValueStore<String, PendingCluster> pending;

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedStory> context) {
    this.context = context;
    this.pending = context.getStateStore(EnrichTopology.PENDING_CLUSTER_STORE);
  }

  /**
   * Keeps the story and the replies under two keys, so that each reply reads and rewrites a small
   * record, not the whole story: the story is written once and read once.
   */
  @Override
  public void process(FixedKeyRecord<String, ClusterSignal> record) {
    ClusterSignal signal = record.value();
    String id = record.key();
    PendingCluster state = pending.get(id);
    List<GistReply> replies =
        state == null ? new ArrayList<>() : new ArrayList<>(state.getReplies());
    // A record written before the story was kept apart holds the story itself.
    EnrichedStory story = state == null ? null : state.getStory();
    int expected = state == null ? 0 : state.getExpectedReplies();
    boolean storyKnown = story != null || (state != null && expected > 0);
    if (signal.getStory() != null) {
      story = signal.getStory();
      expected = signal.getExpectedReplies();
      storyKnown = true;
    }
    GistReply reply = signal.getReply();
    if (reply != null
        && replies.stream().noneMatch(r -> r.getBucketKey().equals(reply.getBucketKey()))) {
      replies.add(reply);
    }
    if (!storyKnown || replies.size() < expected) {
      if (signal.getStory() != null) {
        pending.put(storyKey(id), new PendingCluster(story, expected, List.of()));
        story = null;
      }
      pending.put(id, new PendingCluster(story, expected, replies));
      return;
    }
    boolean keptApart = story == null;
    if (keptApart) {
      PendingCluster kept = pending.get(storyKey(id));
      if (kept == null) {
        throw new IllegalStateException("Gist replies complete but no story kept for " + id);
      }
      story = kept.getStory();
      // put(null), not delete(): delete decodes the old value only to return it.
      pending.put(storyKey(id), null);
    }
    if (state != null) {
      pending.put(id, null);
    }
    context.forward(record.withValue(decide(story, replies)));
  }

  private static String storyKey(String id) {
    // NUL cannot occur in a story id, so the story's key never meets another story's replies.
    return id + "\u0000story";
  }

  private static EnrichedStory decide(EnrichedStory story, List<GistReply> replies) {
    Optional<GistMatcher.Match> best =
        GistMatcher.choose(
            replies.stream()
                .filter(r -> r.getClusterId() != null)
                .map(r -> new GistMatcher.Match(r.getMatchId(), r.getClusterId(), r.getScore()))
                .toList());
    DedupVerdict dedup = story.getDedup();
    String own =
        StoryRecords.clusterIdOf(
            dedup.getStatus() == DedupStatus.DUPLICATE
                ? dedup.getCanonicalId()
                : story.getStory().getId());
    EnrichedStory.Builder out =
        EnrichedStory.newBuilder(story)
            .setClusterId(best.map(GistMatcher.Match::clusterId).orElse(own));
    if (dedup.getStatus() == DedupStatus.UNIQUE && best.isPresent()) {
      out.setDedup(
          new DedupVerdict(
              DedupStatus.UNIQUE,
              best.get().storyId(),
              DedupMethod.TRANSLATION,
              best.get().score()));
    }
    return out.build();
  }
}
