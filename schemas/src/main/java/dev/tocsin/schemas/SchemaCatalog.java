package dev.tocsin.schemas;

import dev.tocsin.schemas.internal.AlertState;
import dev.tocsin.schemas.internal.IndexRequest;
import dev.tocsin.schemas.internal.IndexedStory;
import dev.tocsin.schemas.internal.SeenStory;
import dev.tocsin.schemas.internal.SurgeBucket;
import dev.tocsin.schemas.internal.SurgeHit;
import dev.tocsin.schemas.internal.SurgeState;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Lists the top-level record types Tocsin publishes, each with its kept schema versions. */
public final class SchemaCatalog {

  /** Every generated record class, top-level and nested, that a decoder may instantiate. */
  static final List<Class<? extends SpecificRecord>> RECORD_TYPES =
      List.of(
          RawStory.class,
          EnrichedStory.class,
          DedupVerdict.class,
          DuplicateStory.class,
          StoryCluster.class,
          ClusterMember.class,
          Provenance.class,
          EscalationAlert.class,
          Evidence.class,
          Surge.class,
          Feed.class,
          FeedState.class,
          SeenItem.class,
          FeedStatus.class,
          Silence.class,
          Matcher.class,
          DeliveryReceipt.class,
          DeadLetter.class,
          EntityMention.class,
          Relevance.class,
          Reason.class,
          Event.class,
          AlertState.class,
          SeenStory.class,
          IndexRequest.class,
          IndexedStory.class,
          SurgeState.class,
          SurgeBucket.class,
          SurgeHit.class);

  /** The record types that are values of some topic: each keeps its own version history. */
  public static final List<Class<? extends SpecificRecord>> TOPIC_VALUE_TYPES =
      List.of(
          RawStory.class,
          EnrichedStory.class,
          DuplicateStory.class,
          StoryCluster.class,
          EscalationAlert.class,
          Feed.class,
          FeedState.class,
          FeedStatus.class,
          Silence.class,
          DeliveryReceipt.class,
          DeadLetter.class);

  /**
   * Records on internal repartition topics and in state stores; versioned like the public ones so a
   * rolling upgrade can read what the previous version wrote.
   */
  public static final List<Class<? extends SpecificRecord>> INTERNAL_TYPES =
      List.of(
          AlertState.class,
          SeenStory.class,
          IndexRequest.class,
          IndexedStory.class,
          SurgeState.class);

  private SchemaCatalog() {}
}
