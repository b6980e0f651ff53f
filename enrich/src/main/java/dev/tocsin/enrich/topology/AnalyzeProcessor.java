package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.schemas.EnrichedStory;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Runs the story analysis; the analysis time is the record's timestamp, not the wall clock. */
final class AnalyzeProcessor implements FixedKeyProcessor<String, Decoded, EnrichedStory> {

  private final StoryAnalyzer analyzer;
  private final String profileId;
  private FixedKeyProcessorContext<String, EnrichedStory> context;

  AnalyzeProcessor(StoryAnalyzer analyzer, String profileId) {
    this.analyzer = analyzer;
    this.profileId = profileId;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedStory> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Decoded> record) {
    var story = record.value().story();
    var analysis = analyzer.analyze(StoryRecords.text(story));
    context.forward(
        record.withValue(
            StoryRecords.enriched(
                story, analysis, profileId, Instant.ofEpochMilli(record.timestamp()))));
  }
}
