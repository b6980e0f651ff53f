package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.cluster.ClusterAggregator;
import dev.tocsin.enrich.dedup.GistMatcher;
import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.InternalSerdes;
import dev.tocsin.schemas.StoryCluster;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import dev.tocsin.schemas.internal.ClusterSignal;
import dev.tocsin.schemas.internal.DedupSignal;
import dev.tocsin.schemas.internal.GistMember;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the enrichment topology: decode, analyze, remove exact and near-duplicate copies, and
 * gather on-watch stories into clusters.
 *
 * <p>Near-duplicates are found with MinHash-LSH co-partitioned by band: each story sends one probe
 * per band to the partition owning that band, the band answers with the best earlier story it
 * holds, and the answers come back to the story's partition, where the verdict is reached once
 * every band has answered. Copies are therefore found whichever partitions they land on.
 *
 * <p>Reports of one story in other languages or words are joined the same way, by their {@link
 * dev.tocsin.enrich.dedup.StoryGist}: each judged story probes the gist buckets its gist points to
 * and joins the cluster of the best earlier report ({@link GistMatcher}).
 */
public final class EnrichTopology {

  static final String SEEN_STORE = "dedup-seen-store";
  static final String BAND_STORE = "dedup-band-members-store";
  static final String SIGNATURE_STORE = "dedup-signatures-store";
  static final String PENDING_STORE = "dedup-pending-store";
  static final String CLUSTER_STORE = "cluster-store";
  static final String GIST_STORE = "cluster-gist-members-store";
  static final String PENDING_CLUSTER_STORE = "cluster-pending-store";

  /** How often (in stream time) the dedup stores drop what is older than the retention. */
  static final java.time.Duration RETENTION_SWEEP = java.time.Duration.ofHours(1);

  private EnrichTopology() {}

  /** Builds the enrichment and de-duplication topology, reporting its counters nowhere. */
  public static Topology build(EnrichSettings settings, Topics topics) {
    return build(settings, topics, new CompositeMeterRegistry());
  }

  /**
   * Builds the enrichment and de-duplication topology, counting what it writes in {@code meters}
   * ({@code tocsin.stories.out}, {@code tocsin.relevant}, {@code tocsin.duplicates}, {@code
   * tocsin.enrich.dead.letters}).
   */
  public static Topology build(EnrichSettings settings, Topics topics, MeterRegistry meters) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(topics, "topics");
    EnrichMetrics metrics = new EnrichMetrics(Objects.requireNonNull(meters, "meters"));
    StoryAnalyzer analyzer = new StoryAnalyzer(settings.profile());
    MinHash minHash = new MinHash(settings.minHashes(), EnrichSettings.MINHASH_SEED);
    GistMatcher gists = new GistMatcher(settings.dedup());
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SEEN_STORE),
            Serdes.String(),
            InternalSerdes.seenStory()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(BAND_STORE),
            Serdes.String(),
            InternalSerdes.bandMember()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SIGNATURE_STORE),
            Serdes.String(),
            InternalSerdes.bandMember()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_STORE),
            Serdes.String(),
            InternalSerdes.pendingDedup()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(GIST_STORE),
            Serdes.String(),
            InternalSerdes.gistMember()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_CLUSTER_STORE),
            Serdes.String(),
            InternalSerdes.pendingCluster()));

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

    Map<String, KStream<String, EnrichedStory>> seen =
        decoded
            .get("decode-ok")
            .processValues(
                () -> new AnalyzeProcessor(analyzer, settings.profile().id()), Named.as("analyze"))
            .processValues(
                () -> new StoryIdDedupProcessor(settings.dedupRetention()),
                Named.as("dedup-story-id"),
                SEEN_STORE)
            .split(Named.as("dedup-"))
            .branch(
                (id, s) -> s.getDedup().getStatus() != DedupStatus.UNKNOWN, Branched.as("decided"))
            .defaultBranch(Branched.as("undecided"));
    KStream<String, EnrichedStory> undecided = seen.get("dedup-undecided");

    int bands = settings.bands();
    KeyRouting routing = new KeyRouting(topics.storiesRaw().partitions());
    KStream<String, ProbedStory> probed =
        undecided.mapValues(
            story -> new ProbedStory(story, BandProcessor.probes(story, minHash, bands, routing)),
            Named.as("dedup-fingerprint"));
    KStream<String, DedupSignal> replies =
        probed
            .flatMap((id, p) -> p.probes(), Named.as("dedup-probe"))
            .repartition(routing.repartitioned("dedup-bands", InternalSerdes.bandProbe()))
            .process(
                () ->
                    new BandProcessor(
                        settings.duplicateThreshold(),
                        settings.dedupRetention(),
                        settings.indexCache()),
                Named.as("dedup-band-match"),
                BAND_STORE,
                SIGNATURE_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), InternalSerdes.dedupSignal())
                    .withName("dedup-replies"));
    KStream<String, EnrichedStory> verdicts =
        probed
            .mapValues(
                p ->
                    DedupSignal.newBuilder()
                        .setStory(p.story())
                        .setExpectedReplies(p.probes().size())
                        .build(),
                Named.as("dedup-await"))
            .merge(replies, Named.as("dedup-gather"))
            .processValues(DedupVerdictProcessor::new, Named.as("dedup-verdict"), PENDING_STORE);

    KStream<String, EnrichedStory> judged =
        seen.get("dedup-decided").merge(verdicts, Named.as("dedup-judged"));
    KStream<String, EnrichedStory> enriched = clusters(judged, gists, settings, routing);
    enriched.to(
        topics.storiesEnriched().name(), produced(topics.storiesEnriched(), "enriched-sink"));
    enriched.foreach((id, s) -> metrics.enriched(s), Named.as("enriched-metrics"));
    enriched
        .filter(
            (id, s) ->
                s.getRelevance().getRelevant() && s.getDedup().getStatus() != DedupStatus.DUPLICATE,
            Named.as("relevant-unique"))
        .to(topics.storiesRelevant().name(), produced(topics.storiesRelevant(), "relevant-sink"));
    enriched
        .filter(
            (id, s) -> s.getDedup().getStatus() == DedupStatus.DUPLICATE, Named.as("duplicates"))
        .mapValues(StoryRecords::duplicate, Named.as("duplicate-record"))
        .to(
            topics.storiesDuplicates().name(),
            produced(topics.storiesDuplicates(), "duplicates-sink"));

    enriched
        .filter((id, s) -> s.getRelevance().getRelevant(), Named.as("on-watch"))
        .groupBy(
            (id, s) -> s.getClusterId(),
            Grouped.with("cluster-by-id", Serdes.String(), InternalSerdes.enrichedStory()))
        .aggregate(
            () -> null,
            (clusterId, story, cluster) -> ClusterAggregator.add(cluster, story),
            Named.as("cluster-aggregate"),
            Materialized.<String, StoryCluster>as(Stores.persistentKeyValueStore(CLUSTER_STORE))
                .withKeySerde(Serdes.String())
                .withValueSerde(InternalSerdes.storyCluster()))
        .toStream(Named.as("cluster-changes"))
        .to(topics.clusters().name(), produced(topics.clusters(), "clusters-sink"));
    return builder.build();
  }

  /**
   * Gives every judged story its cluster: originals probe the gist buckets their gist points to
   * (co-partitioned by bucket key) for an earlier report of the same story in any language, copies
   * and revisions look up the cluster of the story they copy or revise. A story that joins a
   * cluster then settles it in each of its buckets, so later reports find the cluster, not the
   * story alone.
   */
  private static KStream<String, EnrichedStory> clusters(
      KStream<String, EnrichedStory> judged,
      GistMatcher gists,
      EnrichSettings settings,
      KeyRouting routing) {
    BucketIndex.PerTask<GistMember, GistMatcher.Member> indexes = new BucketIndex.PerTask<>();
    KStream<String, GistedStory> gisted =
        judged.mapValues(
            story -> new GistedStory(story, GistProbes.probes(story, gists, routing)),
            Named.as("cluster-gist"));
    KStream<String, ClusterSignal> replies =
        gisted
            .flatMap((id, g) -> g.probes(), Named.as("cluster-probe"))
            .repartition(routing.repartitioned("cluster-gist-probes", InternalSerdes.gistProbe()))
            .process(
                () ->
                    new GistBucketProcessor(
                        gists, settings.dedupRetention(), indexes, true, settings.indexCache()),
                Named.as("cluster-gist-match"),
                GIST_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), InternalSerdes.clusterSignal())
                    .withName("cluster-gist-replies"));
    KStream<String, EnrichedStory> clustered =
        gisted
            .mapValues(
                g ->
                    ClusterSignal.newBuilder()
                        .setStory(g.story())
                        .setExpectedReplies(g.probes().size())
                        .build(),
                Named.as("cluster-await"))
            .merge(replies, Named.as("cluster-gather"))
            .processValues(
                ClusterVerdictProcessor::new, Named.as("cluster-verdict"), PENDING_CLUSTER_STORE);
    clustered
        .filter(
            (id, s) -> s.getDedup().getMethod() == DedupMethod.TRANSLATION,
            Named.as("cluster-joined"))
        .flatMap((id, s) -> GistProbes.settles(s, gists, routing), Named.as("cluster-settle"))
        .repartition(routing.repartitioned("cluster-gist-settles", InternalSerdes.gistProbe()))
        .process(
            () ->
                new GistBucketProcessor(
                    gists, settings.dedupRetention(), indexes, false, settings.indexCache()),
            Named.as("cluster-gist-settle"),
            GIST_STORE);
    return clustered;
  }

  private static <V> Produced<String, V> produced(Topic<String, V> topic, String name) {
    return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
  }
}
