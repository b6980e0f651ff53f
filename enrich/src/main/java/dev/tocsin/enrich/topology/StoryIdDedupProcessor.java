package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.internal.SeenStory;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Recognises a story id seen before: a changed revision passes as a revision, anything else with
 * the same id (another feed, a re-delivery) is an exact copy. New ids go on to content matching.
 */
final class StoryIdDedupProcessor
    implements FixedKeyProcessor<String, EnrichedStory, EnrichedStory> {

  private FixedKeyProcessorContext<String, EnrichedStory> context;
  private KeyValueStore<String, SeenStory> seen;

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedStory> context) {
    this.context = context;
    this.seen = context.getStateStore(EnrichTopology.SEEN_STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, EnrichedStory> record) {
    EnrichedStory story = record.value();
    RawStory raw = story.getStory();
    SeenStory first = seen.get(raw.getId());
    if (first == null) {
      seen.put(
          raw.getId(),
          new SeenStory(raw.getFeedUrl(), raw.getContentHash(), raw.getRevision(), null));
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
              first.getFeedUrl(), raw.getContentHash(), raw.getRevision(), first.getClusterId()));
      context.forward(
          record.withValue(StoryRecords.withVerdict(story, DedupStatus.REVISION, null, null, 1.0)));
    } else {
      context.forward(
          record.withValue(
              StoryRecords.withVerdict(
                  story, DedupStatus.DUPLICATE, raw.getId(), DedupMethod.STORY_ID, 1.0)));
    }
  }
}
