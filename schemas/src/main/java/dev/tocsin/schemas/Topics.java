package dev.tocsin.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue of every topic Tocsin reads or writes: the only place that names a topic or builds
 * a serde.
 */
public final class Topics {

  /** The prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "tocsin.";

  private static final int STORY_PARTITIONS = 6;
  private static final int CONTROL_PARTITIONS = 3;
  private static final Duration STORY_RETENTION = Duration.ofDays(14);
  private static final Duration ALERT_RETENTION = Duration.ofDays(90);

  private final String prefix;
  private final Topic<String, RawStory> storiesRaw;
  private final Topic<String, FeedState> ingestState;
  private final Topic<String, EnrichedStory> storiesEnriched;
  private final Topic<String, DuplicateStory> storiesDuplicates;
  private final Topic<String, EnrichedStory> storiesRelevant;
  private final Topic<String, DeadLetter> storiesDlq;
  private final Topic<String, StoryCluster> clusters;
  private final Topic<String, EscalationAlert> alerts;
  private final Topic<String, DeliveryReceipt> deliveries;
  private final Topic<String, DeadLetter> alertsDlq;
  private final Topic<String, Feed> feeds;
  private final Topic<String, FeedStatus> feedStatus;
  private final Topic<String, Silence> silences;
  private final Topic<String, SchemaVersion> schemas;
  private final SchemaStore resolver;

  private Topics(String prefix, SchemaStore resolver) {
    this.prefix = prefix;
    this.resolver = resolver;
    Serde<String> key = Serdes.String();
    Map<String, String> stories = retained(STORY_RETENTION);
    Map<String, String> compacted = Map.of("cleanup.policy", "compact");
    storiesRaw = topic("stories.raw", key, RawStory.class, STORY_PARTITIONS, stories);
    ingestState = topic("ingest.state", key, FeedState.class, CONTROL_PARTITIONS, compacted);
    storiesEnriched =
        topic("stories.enriched", key, EnrichedStory.class, STORY_PARTITIONS, stories);
    storiesDuplicates =
        topic("stories.duplicates", key, DuplicateStory.class, STORY_PARTITIONS, stories);
    storiesRelevant =
        topic("stories.relevant", key, EnrichedStory.class, STORY_PARTITIONS, stories);
    storiesDlq = topic("stories.dlq", key, DeadLetter.class, 1, retained(ALERT_RETENTION));
    clusters = topic("clusters", key, StoryCluster.class, STORY_PARTITIONS, compacted);
    alerts =
        topic("alerts", key, EscalationAlert.class, CONTROL_PARTITIONS, retained(ALERT_RETENTION));
    deliveries =
        topic(
            "deliveries",
            key,
            DeliveryReceipt.class,
            CONTROL_PARTITIONS,
            retained(ALERT_RETENTION));
    alertsDlq = topic("alerts.dlq", key, DeadLetter.class, 1, retained(ALERT_RETENTION));
    feeds = topic("feeds", key, Feed.class, 12, compacted);
    feedStatus = topic("feed-status", key, FeedStatus.class, CONTROL_PARTITIONS, compacted);
    silences = topic("silences", key, Silence.class, 1, compacted);
    schemas = new Topic<>(prefix + "schemas", key, SchemaVersion.serde(), 1, compacted);
  }

  /** Returns the catalogue with the default {@code tocsin.} prefix. */
  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX, null);
  }

  /** Returns the catalogue with every name starting with {@code prefix}. */
  public static Topics withPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.matches("[A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "topic prefix may hold only letters, digits, '.', '_' and '-': '" + prefix + "'");
    }
    return new Topics(prefix, null);
  }

  /**
   * Returns the catalogue for {@code prefix} whose serdes ask {@code resolver} for writer schemas
   * they do not keep, e.g. a {@link TopicSchemaStore} of {@link #schemas()}.
   */
  public static Topics withPrefix(String prefix, SchemaStore resolver) {
    Objects.requireNonNull(resolver, "resolver");
    return new Topics(withPrefix(prefix).prefix(), resolver);
  }

  /** Returns the prefix every topic name starts with. */
  public String prefix() {
    return prefix;
  }

  /** Raw stories as ingest found them; key: story id. */
  public Topic<String, RawStory> storiesRaw() {
    return storiesRaw;
  }

  /** Ingest's per-feed state, written in the same transaction as the stories; key: feed URL. */
  public Topic<String, FeedState> ingestState() {
    return ingestState;
  }

  /** Every story with its verdicts; key: story id. */
  public Topic<String, EnrichedStory> storiesEnriched() {
    return storiesEnriched;
  }

  /** Every suppressed copy; key: the copy's story id. */
  public Topic<String, DuplicateStory> storiesDuplicates() {
    return storiesDuplicates;
  }

  /** Unique stories on the watch; key: story id. */
  public Topic<String, EnrichedStory> storiesRelevant() {
    return storiesRelevant;
  }

  /** Raw records enrich could not decode or process, with their coordinates. */
  public Topic<String, DeadLetter> storiesDlq() {
    return storiesDlq;
  }

  /** One record per real-world story; key: cluster id. */
  public Topic<String, StoryCluster> clusters() {
    return clusters;
  }

  /** Escalation alert state changes; key: alert key. */
  public Topic<String, EscalationAlert> alerts() {
    return alerts;
  }

  /** Delivery receipts; key: idempotency key. */
  public Topic<String, DeliveryReceipt> deliveries() {
    return deliveries;
  }

  /** Alerts that could not be delivered within their maximum age. */
  public Topic<String, DeadLetter> alertsDlq() {
    return alertsDlq;
  }

  /** The feed registry; key: feed URL. */
  public Topic<String, Feed> feeds() {
    return feeds;
  }

  /** Per-feed health; key: feed URL. */
  public Topic<String, FeedStatus> feedStatus() {
    return feedStatus;
  }

  /** Alert silences; key: silence id. */
  public Topic<String, Silence> silences() {
    return silences;
  }

  /**
   * The schema versions Tocsin's services write, a registry without a server (compacted); key: the
   * fingerprint in hex as {@link AvroSerde#fingerprint} gives it; value: JSON, see {@link
   * SchemaVersion}.
   */
  public Topic<String, SchemaVersion> schemas() {
    return schemas;
  }

  /** Returns every topic in the catalogue. */
  public List<Topic<String, ?>> all() {
    return List.of(
        storiesRaw,
        ingestState,
        storiesEnriched,
        storiesDuplicates,
        storiesRelevant,
        storiesDlq,
        clusters,
        alerts,
        deliveries,
        alertsDlq,
        feeds,
        feedStatus,
        silences,
        schemas);
  }

  private <V extends SpecificRecord> Topic<String, V> topic(
      String name, Serde<String> key, Class<V> type, int partitions, Map<String, String> configs) {
    AvroSerde<V> serde = resolver == null ? AvroSerde.of(type) : AvroSerde.of(type, resolver);
    return new Topic<>(prefix + name, key, serde, partitions, configs);
  }

  private static Map<String, String> retained(Duration retention) {
    return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
  }
}
