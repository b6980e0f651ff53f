package dev.tocsin.schemas;

import dev.tocsin.schemas.internal.AlertState;
import dev.tocsin.schemas.internal.BandMember;
import dev.tocsin.schemas.internal.BandProbe;
import dev.tocsin.schemas.internal.ClusterSignal;
import dev.tocsin.schemas.internal.DedupSignal;
import dev.tocsin.schemas.internal.GistMember;
import dev.tocsin.schemas.internal.GistProbe;
import dev.tocsin.schemas.internal.PendingCluster;
import dev.tocsin.schemas.internal.PendingDedup;
import dev.tocsin.schemas.internal.SeenStory;
import dev.tocsin.schemas.internal.SurgeState;

/** Serdes of the records on internal repartition topics and in state stores. */
public final class InternalSerdes {

  private InternalSerdes() {}

  /** Returns the serde of a band probe (enrich's LSH repartition topic). */
  public static AvroSerde<BandProbe> bandProbe() {
    return AvroSerde.of(BandProbe.class);
  }

  /** Returns the serde of a band bucket member (enrich's band store). */
  public static AvroSerde<BandMember> bandMember() {
    return AvroSerde.of(BandMember.class);
  }

  /** Returns the serde of a de-duplication signal (enrich's reply repartition topic). */
  public static AvroSerde<DedupSignal> dedupSignal() {
    return AvroSerde.of(DedupSignal.class);
  }

  /** Returns the serde of a pending de-duplication (enrich's pending store). */
  public static AvroSerde<PendingDedup> pendingDedup() {
    return AvroSerde.of(PendingDedup.class);
  }

  /** Returns the serde of a gist probe (enrich's cross-language cluster repartition topics). */
  public static AvroSerde<GistProbe> gistProbe() {
    return AvroSerde.of(GistProbe.class);
  }

  /** Returns the serde of a gist bucket member (enrich's gist store). */
  public static AvroSerde<GistMember> gistMember() {
    return AvroSerde.of(GistMember.class);
  }

  /** Returns the serde of a cluster signal (enrich's gist reply repartition topic). */
  public static AvroSerde<ClusterSignal> clusterSignal() {
    return AvroSerde.of(ClusterSignal.class);
  }

  /** Returns the serde of a pending cluster verdict (enrich's pending cluster store). */
  public static AvroSerde<PendingCluster> pendingCluster() {
    return AvroSerde.of(PendingCluster.class);
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
