package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.cluster.ClusterAggregator;
import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.enrich.state.IndexRequest;
import dev.tocsin.enrich.state.IndexedStory;
import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.StoryCluster;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the enrichment topology. The analysis (decode, language, entities, relevance, events,
 * MinHash signature, gist) runs keyed by story id on every partition; then one repartition ({@value
 * #INDEX_TOPIC}, keyed by watch) takes each story to the index task, which judges it against every
 * story of its watch in the retention, by its id (a revision or a copy of a story it holds), its
 * content, its MinHash signature and its gist ({@link IndexProcessor}), and aggregates the clusters
 * ({@link ClusterProcessor}). Every story passes the index task, which holds every story id of the
 * retention, so the id check needs no store of its own.
 *
 * <p>Internal topics: the index repartition and the changelogs of the index and cluster stores.
 */
public final class EnrichTopology {

  static final String INDEX_STORE = "index-store";
  static final String CLUSTER_STORE = "cluster-store";
  static final String INDEX_TOPIC = "index";

  /** How often (in stream time) the stores drop what is older than the retention. */
  static final Duration RETENTION_SWEEP = Duration.ofHours(1);

  private EnrichTopology() {}

  /** Builds the enrichment and de-duplication topology, reporting its counters nowhere. */
  public static Topology build(EnrichSettings settings, Topics topics) {
    return build(settings, topics, new CompositeMeterRegistry());
  }

  /**
   * Builds the enrichment and de-duplication topology, counting what it writes in {@code meters}
   * ({@code tocsin.stories.out}, {@code tocsin.relevant}, {@code tocsin.duplicates}, {@code
   * tocsin.enrich.dead.letters}, {@code tocsin.enrich.index.stories}).
   */
  public static Topology build(EnrichSettings settings, Topics topics, MeterRegistry meters) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(topics, "topics");
    EnrichMetrics metrics = new EnrichMetrics(Objects.requireNonNull(meters, "meters"));
    StoryAnalyzer analyzer = new StoryAnalyzer(settings.profile());
    MinHash minHash = new MinHash(settings.minHashes(), EnrichSettings.MINHASH_SEED);
    String watch = settings.profile().id();
    EnrichedEncoding encoding = new EnrichedEncoding(topics.storiesEnriched().valueSerde());
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(INDEX_STORE),
            Serdes.String(),
            AvroSerde.of(IndexedStory.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CLUSTER_STORE),
            Serdes.String(),
            AvroSerde.of(StoryCluster.class)));

    Map<String, KStream<String, Decoded>> decoded =
        builder.stream(
                topics.storiesRaw().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-source"))
            .processValues(
                () -> new DecodeProcessor(topics.storiesRaw(), metrics), Named.as("decode"))
            .split(Named.as("decode-"))
            .branch((id, d) -> d.story() != null, Branched.as("ok"))
            .defaultBranch(Branched.as("failed"));
    decoded
        .get("decode-failed")
        .mapValues(Decoded::deadLetter, Named.as("dead-letter"))
        .to(topics.storiesDlq().name(), produced(topics.storiesDlq(), "dlq-sink"));

    KStream<String, JudgedStory> judged =
        decoded
            .get("decode-ok")
            .processValues(() -> new AnalyzeProcessor(analyzer, watch), Named.as("analyze"))
            .mapValues(story -> indexRequest(story, minHash, encoding), Named.as("fingerprint"))
            .selectKey((id, request) -> watch, Named.as("by-watch"))
            .repartition(
                Repartitioned.with(Serdes.String(), AvroSerde.of(IndexRequest.class))
                    .withName(INDEX_TOPIC)
                    .withNumberOfPartitions(settings.indexPartitions()))
            .process(
                () ->
                    new IndexProcessor(
                        settings.dedup(), settings.dedupRetention(), metrics, encoding),
                Named.as("index-judge"),
                INDEX_STORE);

    // The enriched record is already encoded (EnrichedEncoding): the sinks write its bytes.
    Produced<String, byte[]> encoded = Produced.with(Serdes.String(), Serdes.ByteArray());
    judged
        .mapValues(JudgedStory::encoded, Named.as("enriched-record"))
        .to(topics.storiesEnriched().name(), encoded.withName("enriched-sink"));
    judged.foreach(
        (id, s) -> metrics.enriched(s.dedup(), s.relevant()), Named.as("enriched-metrics"));
    judged
        .filter(
            (id, s) -> s.relevant() && s.dedup().getStatus() != DedupStatus.DUPLICATE,
            Named.as("relevant-unique"))
        .mapValues(JudgedStory::encoded, Named.as("relevant-record"))
        .to(topics.storiesRelevant().name(), encoded.withName("relevant-sink"));
    judged
        .filter((id, s) -> s.dedup().getStatus() == DedupStatus.DUPLICATE, Named.as("duplicates"))
        .mapValues(s -> StoryRecords.duplicate(s.story()), Named.as("duplicate-record"))
        .to(
            topics.storiesDuplicates().name(),
            produced(topics.storiesDuplicates(), "duplicates-sink"));
    judged
        .filter((id, s) -> s.relevant(), Named.as("on-watch"))
        .process(
            () -> new ClusterProcessor(settings.dedupRetention(), settings.clusterMembers()),
            Named.as("cluster-aggregate"),
            CLUSTER_STORE,
            INDEX_STORE)
        .to(topics.clusters().name(), produced(topics.clusters(), "clusters-sink"));
    return builder.build();
  }

  // The fingerprints are taken here, on every partition, so the index task only compares them; the
  // story is encoded here too, up to the verdict the index adds, and the request carries it with a
  // skeleton of the story (StoryRecords.skeleton).
  private static IndexRequest indexRequest(
      EnrichedStory story, MinHash minHash, EnrichedEncoding encoding) {
    ByteBuffer head = ByteBuffer.wrap(encoding.head(story));
    EnrichedStory skeleton = StoryRecords.skeleton(story);
    String text = StoryRecords.fullText(story.getStory());
    int[] signature = MinHash.hasEnoughWords(text) ? minHash.signature(text) : new int[0];
    return new IndexRequest(
        skeleton,
        StoryRecords.bytes(signature),
        MinHash.SCHEME,
        StoryRecords.gist(story).features(),
        head,
        ClusterAggregator.wireOriginOf(story.getStory()));
  }

  private static <V> Produced<String, V> produced(Topic<String, V> topic, String name) {
    return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
  }
}
