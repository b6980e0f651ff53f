package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.GistMatcher;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.schemas.internal.ClusterSignal;
import dev.tocsin.schemas.internal.GistBucket;
import dev.tocsin.schemas.internal.GistProbe;
import dev.tocsin.schemas.internal.GistReply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds the original stories of each gist bucket and answers each probe: a MATCH with the best
 * earlier story reporting the same real-world story (the probing story then enters the bucket with
 * that story's cluster), a LOOKUP with the cluster of the story asked for, else of the best match
 * (a copy whose canonical story is itself a copy still finds the cluster). SETTLE probes record a
 * story's final cluster and are not answered.
 */
final class GistBucketProcessor implements Processor<String, GistProbe, String, ClusterSignal> {

  private final GistMatcher matcher;
  private final Duration retention;
  private final boolean sweeps;
  private ProcessorContext<String, ClusterSignal> context;
  private KeyValueStore<String, GistBucket> buckets;

  /**
   * Creates the processor; of the two nodes sharing the store (probes and settles), only one {@code
   * sweeps} it for expired members.
   */
  GistBucketProcessor(GistMatcher matcher, Duration retention, boolean sweeps) {
    this.matcher = matcher;
    this.retention = retention;
    this.sweeps = sweeps;
  }

  @Override
  public void init(ProcessorContext<String, ClusterSignal> context) {
    this.context = context;
    this.buckets = context.getStateStore(EnrichTopology.GIST_STORE);
    if (sweeps) {
      context.schedule(EnrichTopology.RETENTION_SWEEP, PunctuationType.STREAM_TIME, this::expire);
    }
  }

  /** Forgets the stories that entered a bucket longer than the retention before stream time. */
  void expire(long streamTime) {
    Instant oldest = Instant.ofEpochMilli(streamTime).minus(retention);
    List<KeyValue<String, GistBucket>> changed = new ArrayList<>();
    try (KeyValueIterator<String, GistBucket> all = buckets.all()) {
      while (all.hasNext()) {
        KeyValue<String, GistBucket> entry = all.next();
        long kept =
            entry.value.getMembers().stream()
                .filter(m -> m.getSeenAt() == null || !m.getSeenAt().isBefore(oldest))
                .count();
        if (kept != entry.value.getMembers().size()) {
          List<GistMatcher.Member> members =
              GistMatcher.expire(
                  entry.value.getMembers().stream().map(GistProbes::member).toList(), oldest);
          changed.add(KeyValue.pair(entry.key, members.isEmpty() ? null : bucket(members)));
        }
      }
    }
    for (KeyValue<String, GistBucket> entry : changed) {
      if (entry.value == null) {
        buckets.delete(entry.key);
      } else {
        buckets.put(entry.key, entry.value);
      }
    }
  }

  @Override
  public void process(Record<String, GistProbe> record) {
    GistProbe probe = record.value();
    String key = probe.getBucketKey();
    GistBucket stored = buckets.get(key);
    List<GistMatcher.Member> members =
        stored == null ? List.of() : stored.getMembers().stream().map(GistProbes::member).toList();
    Optional<GistMatcher.Match> answer;
    switch (probe.getMode()) {
      case SETTLE -> {
        if (stored != null) {
          buckets.put(
              key, bucket(GistMatcher.settle(members, probe.getStoryId(), probe.getClusterId())));
        }
        return;
      }
      case LOOKUP ->
          answer =
              matcher.lookupOrBest(
                  members,
                  probe.getLookupId(),
                  probe.getStoryId(),
                  StoryGist.fromFeatures(probe.getFeatures()),
                  probe.getPublishedAt());
      default -> {
        StoryGist gist = StoryGist.fromFeatures(probe.getFeatures());
        answer = matcher.best(members, probe.getStoryId(), gist, probe.getPublishedAt());
        String clusterId =
            answer
                .map(GistMatcher.Match::clusterId)
                .orElse(StoryRecords.clusterIdOf(probe.getStoryId()));
        buckets.put(
            key,
            bucket(
                GistMatcher.enter(
                    members,
                    new GistMatcher.Member(
                        probe.getStoryId(),
                        clusterId,
                        gist,
                        probe.getPublishedAt(),
                        Instant.ofEpochMilli(record.timestamp())))));
      }
    }
    GistReply reply =
        new GistReply(
            probe.getStoryId(),
            key,
            answer.map(GistMatcher.Match::storyId).orElse(null),
            answer.map(GistMatcher.Match::clusterId).orElse(null),
            answer.map(GistMatcher.Match::score).orElse(0.0));
    context.forward(
        new Record<>(
            probe.getStoryId(),
            ClusterSignal.newBuilder().setReply(reply).build(),
            record.timestamp()));
  }

  private static GistBucket bucket(List<GistMatcher.Member> members) {
    return new GistBucket(members.stream().map(GistProbes::avro).toList());
  }
}
