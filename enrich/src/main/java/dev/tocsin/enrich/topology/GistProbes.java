package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.GistMatcher;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EntityMention;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Reason;
import dev.tocsin.schemas.internal.GistMember;
import dev.tocsin.schemas.internal.GistProbe;
import dev.tocsin.schemas.internal.GistProbeMode;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** Builds the gist probes of a story and converts gist bucket members to and from Avro. */
final class GistProbes {

  private GistProbes() {}

  /** Returns the gist of an enriched story, as the offline tools build it from the analysis. */
  static StoryGist gist(EnrichedStory story) {
    RawStory raw = story.getStory();
    String text =
        String.join("\n", raw.getTitle(), nonNull(raw.getSummary()), nonNull(raw.getBody()));
    return StoryGist.of(
        text,
        story.getEntities().stream().map(EntityMention::getEntityId).toList(),
        story.getEvents().stream().map(Event::getType).toList(),
        story.getRelevance().getReasons().stream().map(Reason::getCode).toList());
  }

  /**
   * Returns the probes a judged story sends to the gist buckets: an original looks for an earlier
   * story to join; a copy (or a revision) looks up the cluster of the story it copies (or revises).
   */
  static List<KeyValue<String, GistProbe>> probes(
      EnrichedStory story, GistMatcher matcher, KeyRouting routing) {
    RawStory raw = story.getStory();
    StoryGist gist = gist(story);
    DedupStatus status = story.getDedup().getStatus();
    GistProbeMode mode = status == DedupStatus.UNIQUE ? GistProbeMode.MATCH : GistProbeMode.LOOKUP;
    String lookupId =
        switch (status) {
          case DUPLICATE -> story.getDedup().getCanonicalId();
          case REVISION -> raw.getId();
          default -> null;
        };
    return probes(raw, matcher.keys(gist), routing, mode, gist.features(), lookupId, null);
  }

  /** Returns the probes that record a joined story's final cluster in each of its buckets. */
  static List<KeyValue<String, GistProbe>> settles(
      EnrichedStory story, GistMatcher matcher, KeyRouting routing) {
    RawStory raw = story.getStory();
    return probes(
        raw,
        matcher.keys(gist(story)),
        routing,
        GistProbeMode.SETTLE,
        List.of(),
        null,
        story.getClusterId());
  }

  /** Returns one probe for each partition owning some of {@code keys}, keyed by its first key. */
  private static List<KeyValue<String, GistProbe>> probes(
      RawStory raw,
      List<String> keys,
      KeyRouting routing,
      GistProbeMode mode,
      List<String> features,
      String lookupId,
      String clusterId) {
    return routing.group(keys).stream()
        .map(
            group ->
                KeyValue.pair(
                    group.get(0),
                    GistProbe.newBuilder()
                        .setStoryId(raw.getId())
                        .setBucketKey(group.get(0))
                        .setBucketKeys(group)
                        .setMode(mode)
                        .setFeatures(features)
                        .setPublishedAt(raw.getPublishedAt())
                        .setLookupId(lookupId)
                        .setClusterId(clusterId)
                        .build()))
        .toList();
  }

  /** Returns the bucket keys a probe carries (a v1 probe carries its routing key alone). */
  static List<String> keys(GistProbe probe) {
    return probe.getBucketKeys().isEmpty() ? List.of(probe.getBucketKey()) : probe.getBucketKeys();
  }

  static GistMatcher.Member member(GistMember m) {
    return new GistMatcher.Member(
        m.getStoryId(),
        m.getClusterId(),
        StoryGist.fromFeatures(m.getFeatures()),
        m.getPublishedAt(),
        m.getSeenAt());
  }

  static GistMember avro(GistMatcher.Member m) {
    return new GistMember(
        m.storyId(), m.clusterId(), m.gist().features(), m.published(), m.seenAt());
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
