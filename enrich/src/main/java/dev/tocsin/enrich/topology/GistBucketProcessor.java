package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.GistMatcher;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.schemas.internal.ClusterSignal;
import dev.tocsin.schemas.internal.GistMember;
import dev.tocsin.schemas.internal.GistProbe;
import dev.tocsin.schemas.internal.GistProbeMode;
import dev.tocsin.schemas.internal.GistReply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds the original stories of each gist bucket and answers each probe: a MATCH with the best
 * earlier story reporting the same real-world story (the probing story then enters the bucket with
 * that story's cluster), a LOOKUP with the cluster of the story asked for, when a bucket holds it
 * (else the copy takes its canonical story's own cluster). SETTLE probes record a story's final
 * cluster and are not answered. The probe node and the settle node of a task share one {@link
 * BucketIndex}.
 */
final class GistBucketProcessor implements Processor<String, GistProbe, String, ClusterSignal> {

  private final GistMatcher matcher;
  private final Duration retention;
  private final BucketIndex.PerTask<GistMember, GistMatcher.Member> indexes;
  private final boolean sweeps;
  private final int cachedMembers;
  private ProcessorContext<String, ClusterSignal> context;

  /**
   * Creates the processor; of the two nodes sharing the store and {@code indexes} (probes and
   * settles), only one {@code sweeps} it for expired members. The index keeps {@code cachedMembers}
   * decoded members in memory per task (about 1 KB each for a headline and lede's gist, 3 KB for a
   * long article's).
   */
  GistBucketProcessor(
      GistMatcher matcher,
      Duration retention,
      BucketIndex.PerTask<GistMember, GistMatcher.Member> indexes,
      boolean sweeps,
      int cachedMembers) {
    this.matcher = matcher;
    this.retention = retention;
    this.indexes = indexes;
    this.sweeps = sweeps;
    this.cachedMembers = cachedMembers;
  }

  @Override
  public void init(ProcessorContext<String, ClusterSignal> context) {
    this.context = context;
    KeyValueStore<String, GistMember> store = context.getStateStore(EnrichTopology.GIST_STORE);
    indexes.reset(
        context.taskId(),
        () ->
            new BucketIndex<>(
                store,
                new BucketIndex.Codec<>(
                    GistProbes::member,
                    GistProbes::avro,
                    GistMatcher.Member::storyId,
                    GistMatcher.Member::seenAt),
                GistMatcher.MAX_BUCKET,
                cachedMembers));
    if (sweeps) {
      context.schedule(EnrichTopology.RETENTION_SWEEP, PunctuationType.STREAM_TIME, this::expire);
    }
  }

  @Override
  public void close() {
    indexes.close(context.taskId());
  }

  /** Forgets the stories that entered a bucket longer than the retention before stream time. */
  void expire(long streamTime) {
    indexes.get(context.taskId()).expire(Instant.ofEpochMilli(streamTime).minus(retention));
  }

  /** Answers a MATCH or LOOKUP probe with the best answer over all its buckets. */
  @Override
  public void process(Record<String, GistProbe> record) {
    GistProbe probe = record.value();
    BucketIndex<GistMember, GistMatcher.Member> buckets = indexes.get(context.taskId());
    if (probe.getMode() == GistProbeMode.SETTLE) {
      String clusterId = probe.getClusterId();
      for (String key : GistProbes.keys(probe)) {
        buckets.update(
            key,
            probe.getStoryId(),
            m ->
                new GistMatcher.Member(
                    m.storyId(), clusterId, m.gist(), m.published(), m.seenAt()));
      }
      return;
    }
    // A LOOKUP asks for a story by id and needs no gist.
    StoryGist gist =
        probe.getMode() == GistProbeMode.MATCH ? StoryGist.fromFeatures(probe.getFeatures()) : null;
    List<GistMatcher.Match> answers = new ArrayList<>();
    for (String key : GistProbes.keys(probe)) {
      answer(buckets, key, probe, gist, record.timestamp()).ifPresent(answers::add);
    }
    Optional<GistMatcher.Match> answer = GistMatcher.choose(answers);
    GistReply reply =
        new GistReply(
            probe.getStoryId(),
            probe.getBucketKey(),
            answer.map(GistMatcher.Match::storyId).orElse(null),
            answer.map(GistMatcher.Match::clusterId).orElse(null),
            answer.map(GistMatcher.Match::score).orElse(0.0));
    context.forward(
        new Record<>(
            probe.getStoryId(),
            ClusterSignal.newBuilder().setReply(reply).build(),
            record.timestamp()));
  }

  /** Returns one bucket's answer; a MATCH probe enters the bucket with the cluster found there. */
  private Optional<GistMatcher.Match> answer(
      BucketIndex<GistMember, GistMatcher.Member> buckets,
      String key,
      GistProbe probe,
      StoryGist gist,
      long timestamp) {
    if (probe.getMode() == GistProbeMode.LOOKUP) {
      return GistMatcher.lookup(buckets.members(key), probe.getLookupId());
    }
    Optional<GistMatcher.Match> answer =
        matcher.best(buckets.members(key), probe.getStoryId(), gist, probe.getPublishedAt());
    String clusterId =
        answer
            .map(GistMatcher.Match::clusterId)
            .orElse(StoryRecords.clusterIdOf(probe.getStoryId()));
    buckets.add(
        key,
        new GistMatcher.Member(
            probe.getStoryId(),
            clusterId,
            gist,
            probe.getPublishedAt(),
            Instant.ofEpochMilli(timestamp)));
    return answer;
  }
}
