package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.state.SeenStory;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Recognises a story id seen before: a changed revision passes as a revision, anything else with
 * the same id (another feed, a re-delivery) is an exact copy. New ids go on to the index task; the
 * index task gives every story its cluster.
 */
final class StoryIdDedupProcessor
    implements FixedKeyProcessor<String, EnrichedStory, EnrichedStory> {

  private final Duration retention;
  private FixedKeyProcessorContext<String, EnrichedStory> context;
  private KeyValueStore<String, SeenStory> seen;

  StoryIdDedupProcessor(Duration retention) {
    this.retention = retention;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedStory> context) {
    this.context = context;
    this.seen = context.getStateStore(EnrichTopology.SEEN_STORE);
    context.schedule(EnrichTopology.RETENTION_SWEEP, PunctuationType.STREAM_TIME, this::expire);
  }

  /** Forgets story ids not seen for longer than the retention, so the store stays bounded. */
  void expire(long streamTime) {
    Instant oldest = Instant.ofEpochMilli(streamTime).minus(retention);
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, SeenStory> all = seen.all()) {
      while (all.hasNext()) {
        KeyValue<String, SeenStory> entry = all.next();
        Instant seenAt = entry.value.getSeenAt();
        if (seenAt != null && seenAt.isBefore(oldest)) {
          expired.add(entry.key);
        }
      }
    }
    // put(null), not delete(): delete decodes the old value only to return it.
    expired.forEach(id -> seen.put(id, null));
  }

  private static Instant now(FixedKeyRecord<?, ?> record) {
    return Instant.ofEpochMilli(record.timestamp());
  }

  @Override
  public void process(FixedKeyRecord<String, EnrichedStory> record) {
    EnrichedStory story = record.value();
    RawStory raw = story.getStory();
    SeenStory first = seen.get(raw.getId());
    if (first == null) {
      seen.put(
          raw.getId(),
          new SeenStory(
              raw.getFeedUrl(), raw.getContentHash(), raw.getRevision(), null, now(record)));
      context.forward(record);
      return;
    }
    boolean newRevision =
        raw.getRevision() > first.getRevision()
            && !raw.getContentHash().equals(first.getContentHash());
    if (newRevision) {
      seen.put(
          raw.getId(),
          new SeenStory(
              first.getFeedUrl(),
              raw.getContentHash(),
              raw.getRevision(),
              first.getClusterId(),
              now(record)));
      context.forward(
          record.withValue(
              StoryRecords.withVerdict(story, DedupStatus.REVISION, null, null, 1.0, null)));
    } else {
      context.forward(
          record.withValue(
              StoryRecords.withVerdict(
                  story, DedupStatus.DUPLICATE, raw.getId(), DedupMethod.STORY_ID, 1.0, null)));
    }
  }
}
