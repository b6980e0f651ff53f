package dev.tocsin.schemas;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Lists the top-level record types Tocsin publishes, each with its kept schema versions. */
public final class SchemaCatalog {

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

  private SchemaCatalog() {}
}
