package dev.tocsin.schemas;

import dev.tocsin.schemas.internal.AlertState;
import dev.tocsin.schemas.internal.IndexRequest;
import dev.tocsin.schemas.internal.IndexedStory;
import dev.tocsin.schemas.internal.SeenStory;
import dev.tocsin.schemas.internal.SurgeState;

/** Serdes of the records on internal repartition topics and in state stores. */
public final class InternalSerdes {

  private InternalSerdes() {}

  /**
   * Returns the serde of a story on its way to the index task (enrich's index repartition topic).
   */
  public static AvroSerde<IndexRequest> indexRequest() {
    return AvroSerde.of(IndexRequest.class);
  }

  /** Returns the serde of what the index task keeps of a story (enrich's index store). */
  public static AvroSerde<IndexedStory> indexedStory() {
    return AvroSerde.of(IndexedStory.class);
  }

  /** Returns the serde of a seen story (enrich's story-id store). */
  public static AvroSerde<SeenStory> seenStory() {
    return AvroSerde.of(SeenStory.class);
  }

  /** Returns the serde of an alert state (alerting's lifecycle store). */
  public static AvroSerde<AlertState> alertState() {
    return AvroSerde.of(AlertState.class);
  }

  /** Returns the serde of a surge series' state (alerting's surge store). */
  public static AvroSerde<SurgeState> surgeState() {
    return AvroSerde.of(SurgeState.class);
  }

  /** Returns the serde of a story cluster, for stores and repartition topics. */
  public static AvroSerde<StoryCluster> storyCluster() {
    return AvroSerde.of(StoryCluster.class);
  }

  /** Returns the serde of an enriched story, for stores and repartition topics. */
  public static AvroSerde<EnrichedStory> enrichedStory() {
    return AvroSerde.of(EnrichedStory.class);
  }
}
