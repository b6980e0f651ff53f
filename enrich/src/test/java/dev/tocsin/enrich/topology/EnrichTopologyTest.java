package dev.tocsin.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.enrich.state.IndexRequest;
import dev.tocsin.enrich.state.IndexedStory;
import dev.tocsin.schemas.ClusterMember;
import dev.tocsin.schemas.DeadLetter;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DuplicateStory;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.StoryCluster;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {

  static final String BODY =
      "NATO Secretary-General Mark Rutte announced on Thursday that North Korean troops have been"
          + " stationed at Russian military bases near Ukraine. The presence of North Korean forces"
          + " in the Kursk region poses a serious threat. Russia and North Korea signed a mutual"
          + " defense pact in June and Russia has trained the soldiers in artillery operations.";

  private static final String OTHER_BODY =
      "The city museum reopened its galleries of porcelain and paintings on Saturday after a"
          + " two-year renovation, with a new wing devoted to local craftsmen and their guilds.";

  private final Topics topics = Topics.defaults();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawStory> raw;
  private TestInputTopic<String, byte[]> rawBytes;

  private String stateDir;

  private static String stateDir() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target"), "ttd").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Properties props(String stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    return props;
  }

  @BeforeEach
  void start() {
    stateDir = stateDir();
    driver =
        new TopologyTestDriver(
            EnrichTopology.build(EnrichSettings.defaults(), topics, meters), props(stateDir));
    raw =
        driver.createInputTopic(
            topics.storiesRaw().name(),
            Serdes.String().serializer(),
            topics.storiesRaw().valueSerde().serializer());
    rawBytes =
        driver.createInputTopic(
            topics.storiesRaw().name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private <V> List<V> read(Topic<String, V> topic) {
    return driver
        .createOutputTopic(
            topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer())
        .readValuesToList();
  }

  static RawStory story(String id, String outlet, String title, String body, Instant published) {
    return RawStory.newBuilder()
        .setId(id)
        .setFeedUrl("https://" + outlet.replace(' ', '-') + ".example/feed")
        .setFeedName(outlet)
        .setOutlet(outlet)
        .setTitle(title)
        .setBody(body)
        .setLanguage("en")
        .setPublishedAt(published)
        .setFetchedAt(published.plusSeconds(60))
        .setContentHash(Integer.toHexString((title + body).hashCode()))
        .build();
  }

  // An original judged by the topology, and a copy of it under another outlet sent to the index
  // task as a request of an earlier version (the whole story, no encoded head), its signature
  // under the given scheme, and the copy's enriched record.
  private record OldRequest(EnrichedStory analysed, RawStory copy, EnrichedStory judged) {}

  private OldRequest judgeOldRequest(String copyId, int scheme) {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    RawStory original = story("u-before", "Atlantic Monitor", "North Korean troops", BODY, t);
    raw.pipeInput("u-before", original, t);
    EnrichedStory analysed =
        EnrichedStory.newBuilder(read(topics.storiesEnriched()).get(0))
            .setDedup(new dev.tocsin.schemas.DedupVerdict(DedupStatus.UNKNOWN, null, null, 0.0))
            .setClusterId(null)
            .build();
    RawStory copy =
        RawStory.newBuilder(original)
            .setId(copyId)
            .setOutlet("Other Outlet")
            .setContentHash("other")
            .build();
    EnrichedStory request = EnrichedStory.newBuilder(analysed).setStory(copy).build();
    int[] signature =
        new MinHash(EnrichSettings.defaults().minHashes(), EnrichSettings.MINHASH_SEED)
            .signature(StoryRecords.fullText(copy));
    driver
        .createInputTopic(
            "enrich-test-index-repartition",
            Serdes.String().serializer(),
            dev.tocsin.schemas.AvroSerde.of(IndexRequest.class).serializer())
        .pipeInput(
            "russia-dprk",
            new IndexRequest(
                request,
                StoryRecords.bytes(signature),
                scheme,
                StoryRecords.gist(request).features(),
                java.nio.ByteBuffer.allocate(0),
                null),
            t.plusSeconds(30));
    List<EnrichedStory> out = read(topics.storiesEnriched());
    assertThat(out).hasSize(1);
    return new OldRequest(analysed, copy, out.get(0));
  }

  @Test
  void shouldJudgeAnIndexRequestOfAnEarlierVersionThatCarriesTheWholeStory() {
    // Versions 1 and 2 of IndexRequest, still on the repartition topic when enrich is upgraded,
    // carry the whole story and no encoded head: the index task encodes the story itself.
    OldRequest old = judgeOldRequest("u-old-request", MinHash.SCHEME);

    EnrichedStory judged = old.judged();
    assertThat(judged.getStory()).isEqualTo(old.copy());
    assertThat(judged.getEntities()).isEqualTo(old.analysed().getEntities());
    assertThat(judged.getDedup().getStatus()).isEqualTo(DedupStatus.DUPLICATE);
    assertThat(judged.getDedup().getCanonicalId()).isEqualTo("u-before");
    assertThat(judged.getDedup().getMethod()).isEqualTo(DedupMethod.MINHASH);
    assertThat(judged.getClusterId()).isEqualTo("cl-u-before");
  }

  @Test
  void shouldNotCompareASignatureOfAnotherScheme() {
    // A request written before MinHash.SCHEME (scheme 0) carries a signature of another
    // definition: the index task judges the story without it, by its content and gist.
    OldRequest old = judgeOldRequest("u-old-scheme", 0);

    assertThat(old.judged().getDedup().getMethod()).isNotEqualTo(DedupMethod.MINHASH);
    int[] signature = {7, 11, 13};
    assertThat(StoryRecords.signature(StoryRecords.bytes(signature), 0)).isEmpty();
    assertThat(StoryRecords.signature(StoryRecords.bytes(signature), MinHash.SCHEME))
        .containsExactly(signature);
  }

  @Test
  void shouldSuppressSyndicatedCopyAndKeepOriginalWhenCopyArrivesLater() {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    raw.pipeInput(
        "u-original",
        story("u-original", "Atlantic Monitor", "North Korean troops in Russia", BODY, t),
        t);
    raw.pipeInput(
        "u-copy",
        story(
            "u-copy",
            "Global Wire",
            "North Korean troops in Russia",
            BODY + " First published by Atlantic Monitor.",
            t.plusSeconds(3600)),
        t.plusSeconds(3600));

    List<EnrichedStory> enriched = read(topics.storiesEnriched());
    List<DuplicateStory> copies = read(topics.storiesDuplicates());

    assertThat(enriched).hasSize(2);
    assertThat(enriched.get(0).getDedup().getStatus()).isEqualTo(DedupStatus.UNIQUE);
    assertThat(enriched.get(0).getRelevance().getRelevant()).isTrue();
    assertThat(copies)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getStoryId()).isEqualTo("u-copy");
              assertThat(d.getCanonicalId()).isEqualTo("u-original");
              assertThat(d.getMethod()).isEqualTo(DedupMethod.MINHASH);
              assertThat(d.getScore()).isGreaterThan(0.6);
            });
    List<StoryCluster> clusters = read(topics.clusters());
    StoryCluster last = clusters.get(clusters.size() - 1);
    assertThat(last.getMembers()).hasSize(2);
    assertThat(last.getIndependentSources()).isEqualTo(1);
  }

  @Test
  void shouldForgetStoriesOlderThanTheRetentionSoStoresStayBounded() {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    raw.pipeInput(
        "u-original",
        story("u-original", "Atlantic Monitor", "North Korean troops in Russia", BODY, t),
        t);
    var index = driver.<String, IndexedStory>getKeyValueStore(EnrichTopology.INDEX_STORE);
    assertThat(index.get("u-original")).as("the original is indexed").isNotNull();
    assertThat(index.get("u-original").getSignature().remaining()).isEqualTo(128 * Integer.BYTES);
    assertThat(driver.getKeyValueStore(EnrichTopology.CLUSTER_STORE).get("cl-u-original"))
        .isNotNull();
    Instant later = t.plus(EnrichSettings.DEFAULT_RETENTION).plus(Duration.ofHours(2));
    raw.pipeInput(
        "u-unrelated",
        story("u-unrelated", "World Briefing", "Museum reopens", OTHER_BODY, later),
        later);
    raw.pipeInput(
        "u-late-copy",
        story("u-late-copy", "Global Wire", "North Korean troops in Russia", BODY, later),
        later.plusSeconds(1));

    assertThat(read(topics.storiesDuplicates()))
        .as("a copy of a story past the 48-hour retention starts afresh")
        .extracting(DuplicateStory::getStoryId)
        .doesNotContain("u-late-copy");
    assertThat(index.get("u-original")).as("the original is dropped from the index").isNull();
    assertThat(index.get("u-late-copy")).isNotNull();
    assertThat(driver.getKeyValueStore(EnrichTopology.CLUSTER_STORE).get("cl-u-original"))
        .as("the original's cluster is dropped")
        .isNull();
    assertThat(meters.get("tocsin.enrich.index.stories").gauge().value()).isEqualTo(2.0);
  }

  @Test
  void shouldListTheFirstMembersOfABusyClusterAndCountTheRest() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-cap-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    try (TopologyTestDriver capped =
        new TopologyTestDriver(
            EnrichTopology.build(EnrichSettings.defaults().withClusterMembers(2), topics), props)) {
      TestInputTopic<String, RawStory> in =
          capped.createInputTopic(
              topics.storiesRaw().name(),
              Serdes.String().serializer(),
              topics.storiesRaw().valueSerde().serializer());
      for (int i = 0; i < 5; i++) {
        String id = "u-" + i;
        // The same text at five outlets: one original and four copies in one cluster.
        in.pipeInput(
            id,
            story(id, "Outlet " + i, "North Korean troops in Russia", BODY + " Edition " + i, t),
            t.plusSeconds(i));
      }
      List<StoryCluster> clusters =
          capped
              .createOutputTopic(
                  topics.clusters().name(),
                  Serdes.String().deserializer(),
                  topics.clusters().valueSerde().deserializer())
              .readValuesToList();
      StoryCluster last = clusters.get(clusters.size() - 1);
      assertThat(clusters).hasSize(5);
      assertThat(last.getMembers())
          .extracting(ClusterMember::getStoryId)
          .containsExactly("u-0", "u-1");
      assertThat(last.getMemberCount()).isEqualTo(5);
      assertThat(last.getOutlets()).hasSize(5);
      assertThat(last.getIndependentSources()).as("copies count as their original").isEqualTo(1);
    }
  }

  @Test
  void shouldUseAtMostFourInternalTopics() {
    var topology = EnrichTopology.build(EnrichSettings.defaults(), topics);
    String description = topology.describe().toString();
    long repartitions =
        description.lines().filter(l -> l.contains("Sink:") && l.contains("-repartition")).count();
    var stores = new java.util.TreeSet<String>();
    description
        .lines()
        .filter(l -> l.contains("stores: ["))
        .forEach(
            l -> {
              String inside = l.substring(l.indexOf("stores: [") + 9, l.lastIndexOf(']'));
              for (String name : inside.split(",\\s*")) {
                if (!name.isBlank()) {
                  stores.add(name.trim());
                }
              }
            });
    System.out.printf(
        "enrich internal topics: %d repartition, %d changelogged stores %s%n",
        repartitions, stores.size(), stores);
    assertThat(repartitions).isEqualTo(1);
    assertThat(repartitions + stores.size()).isLessThanOrEqualTo(4);
  }

  @Test
  void shouldMatchCopiesOfBackfilledStoriesDatedLongBeforeTheRetention() {
    Instant published = Instant.parse("2024-10-28T09:00:00Z");
    Instant now = Instant.parse("2026-11-20T09:00:00Z");
    raw.pipeInput(
        "u-old",
        story("u-old", "Atlantic Monitor", "North Korean troops in Russia", BODY, published),
        now);
    raw.pipeInput(
        "u-old-copy",
        story("u-old-copy", "Global Wire", "North Korean troops in Russia", BODY, published),
        now.plus(java.time.Duration.ofHours(2)));

    assertThat(read(topics.storiesDuplicates()))
        .extracting(DuplicateStory::getStoryId)
        .containsExactly("u-old-copy");
  }

  @Test
  void shouldTakeFirstSeenStoryAsCanonicalWhenCopyIsProcessedFirst() {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    raw.pipeInput(
        "u-copy",
        story(
            "u-copy",
            "Global Wire",
            "North Korean troops in Russia",
            BODY + " Credit: Atlantic Monitor.",
            t.plusSeconds(3600)),
        t);
    raw.pipeInput(
        "u-original",
        story("u-original", "Atlantic Monitor", "North Korean troops in Russia", BODY, t),
        t.plusSeconds(5));

    List<DuplicateStory> copies = read(topics.storiesDuplicates());

    assertThat(copies)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getStoryId()).isEqualTo("u-original");
              assertThat(d.getCanonicalId()).isEqualTo("u-copy");
            });
  }

  @Test
  void shouldJoinTranslatedReportsToTheOriginalsClusterWithoutSuppressingThem() {
    Instant t = Instant.parse("2024-11-04T09:00:00Z");
    raw.pipeInput(
        "u-en",
        story(
            "u-en",
            "Global Wire",
            "North Korea shipped 12,000 containers of shells to Russia, Seoul says",
            "SEOUL (Reuters) - South Korea's defence ministry said on Monday that North Korea has"
                + " shipped more than 12,000 containers of artillery shells and other munitions to"
                + " Russia by rail and by ship since August.",
            t),
        t);
    raw.pipeInput(
        "u-ru",
        story(
            "u-ru",
            "Moscow Daily",
            "Сеул: КНДР отправила России более 12 тысяч контейнеров со снарядами",
            "Министерство обороны Южной Кореи заявило в понедельник, что КНДР с августа отправила"
                + " в Россию по железной дороге и морем более 12 тысяч контейнеров с"
                + " артиллерийскими снарядами и другими боеприпасами.",
            t.plusSeconds(1800)),
        t.plusSeconds(1800));
    raw.pipeInput(
        "u-ko",
        story(
            "u-ko",
            "Seoul Times",
            "국방부 \"북한, 러시아에 포탄 컨테이너 1만2천개 보내\"",
            "(서울=연합뉴스) 국방부는 월요일 북한이 8월 이후 철도와 선박으로 포탄 등 탄약이 담긴" + " 컨테이너 1만2천여 개를 러시아에 보냈다고 밝혔다.",
            t.plusSeconds(3600)),
        t.plusSeconds(3600));
    raw.pipeInput(
        "u-other",
        story(
            "u-other",
            "Global Wire",
            "North Korea sends 3,000 more troops to Russia, Seoul says",
            "South Korea's spy agency said on Monday that North Korea has sent about 3,000 more"
                + " troops to Russia by ship since August to reinforce its units in Kursk.",
            t.plusSeconds(5400)),
        t.plusSeconds(5400));

    List<EnrichedStory> enriched = read(topics.storiesEnriched());
    assertThat(read(topics.storiesDuplicates())).isEmpty();
    assertThat(enriched)
        .extracting(s -> s.getStory().getId())
        .containsExactly("u-en", "u-ru", "u-ko", "u-other");
    assertThat(enriched.subList(0, 3))
        .allSatisfy(s -> assertThat(s.getClusterId()).isEqualTo("cl-u-en"))
        .allSatisfy(s -> assertThat(s.getDedup().getStatus()).isEqualTo(DedupStatus.UNIQUE));
    assertThat(enriched.subList(1, 3))
        .allSatisfy(
            s -> {
              assertThat(s.getDedup().getMethod()).isEqualTo(DedupMethod.TRANSLATION);
              assertThat(s.getDedup().getCanonicalId()).isIn("u-en", "u-ru");
            });
    assertThat(enriched.get(3).getClusterId()).isEqualTo("cl-u-other");
    assertThat(read(topics.storiesRelevant())).hasSize(4);

    List<StoryCluster> clusters = read(topics.clusters());
    StoryCluster joined =
        clusters.stream().filter(c -> c.getClusterId().equals("cl-u-en")).reduce((a, b) -> b).get();
    assertThat(joined.getMembers()).hasSize(3);
    assertThat(joined.getLanguages()).containsExactlyInAnyOrder("en", "ru", "ko");
    // The uncredited Russian translation counts as the Reuters story it was matched to; the
    // Korean report credits Yonhap and is a second source.
    assertThat(joined.getSources()).containsExactlyInAnyOrder("Reuters", "Yonhap");
    assertThat(joined.getIndependentSources()).isEqualTo(2);
  }

  @Test
  void shouldSendUndecodableRecordToDeadLetterTopicAndGoOn() {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    rawBytes.pipeInput("bad", new byte[] {1, 2, 3}, t);
    raw.pipeInput("u-1", story("u-1", "A", "North Korean troops in Russia", BODY, t), t);

    List<DeadLetter> letters = read(topics.storiesDlq());
    assertThat(letters)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.getTopic()).isEqualTo(topics.storiesRaw().name());
              assertThat(l.getOffset()).isZero();
              assertThat(l.getError()).contains("RawStory");
            });
    assertThat(read(topics.storiesEnriched())).hasSize(1);
  }

  @Test
  void shouldCountStoriesOutRelevantDuplicatesByMethodAndDeadLettersWhenTheyAreWritten() {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    raw.pipeInput(
        "u-original",
        story("u-original", "Atlantic Monitor", "North Korean troops in Russia", BODY, t),
        t);
    raw.pipeInput(
        "u-copy",
        story(
            "u-copy",
            "Global Wire",
            "North Korean troops in Russia",
            BODY + " First published by Atlantic Monitor.",
            t.plusSeconds(3600)),
        t.plusSeconds(3600));
    raw.pipeInput("u-museum", story("u-museum", "City News", "Museum reopens", OTHER_BODY, t), t);
    rawBytes.pipeInput("bad", new byte[] {1, 2, 3}, t);

    assertThat(read(topics.storiesEnriched())).hasSize(3);
    assertThat(meters.counter("tocsin.stories.out").count()).isEqualTo(3.0);
    assertThat(meters.counter("tocsin.relevant").count()).isEqualTo(1.0);
    assertThat(meters.counter("tocsin.duplicates", "method", "minhash").count()).isEqualTo(1.0);
    assertThat(meters.counter("tocsin.duplicates", "method", "story_id").count()).isZero();
    assertThat(meters.counter("tocsin.enrich.dead.letters", "reason", "undecodable").count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldCountASameIdCopyAsADuplicateByStoryId() {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    RawStory story = story("u-1", "A", "North Korean troops in Russia", BODY, t);
    raw.pipeInput("u-1", story, t);
    raw.pipeInput("u-1", story, t.plusSeconds(60));

    assertThat(meters.counter("tocsin.stories.out").count()).isEqualTo(2.0);
    assertThat(meters.counter("tocsin.relevant").count()).isEqualTo(1.0);
    assertThat(meters.counter("tocsin.duplicates", "method", "story_id").count()).isEqualTo(1.0);
  }

  @Test
  void shouldTellARevisionOfAStoryFromItsCopiesByRevisionAndContent() {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    RawStory first = story("u-1", "A", "North Korean troops in Russia", BODY, t);
    RawStory revised =
        RawStory.newBuilder(first)
            .setRevision(1)
            .setBody(BODY + " The ministry later confirmed the figure.")
            .setContentHash("revised")
            .build();
    raw.pipeInput("u-1", first, t);
    raw.pipeInput("u-1", revised, t.plusSeconds(60));
    raw.pipeInput("u-1", revised, t.plusSeconds(120));
    raw.pipeInput("u-1", RawStory.newBuilder(revised).setRevision(2).build(), t.plusSeconds(180));
    raw.pipeInput("u-1", first, t.plusSeconds(240));
    raw.pipeInput(
        "u-1",
        RawStory.newBuilder(revised).setRevision(3).setContentHash("third").build(),
        t.plusSeconds(300));

    List<EnrichedStory> enriched = read(topics.storiesEnriched());
    assertThat(enriched)
        .extracting(s -> s.getDedup().getStatus())
        .containsExactly(
            DedupStatus.UNIQUE,
            DedupStatus.REVISION,
            DedupStatus.DUPLICATE,
            DedupStatus.DUPLICATE,
            DedupStatus.DUPLICATE,
            DedupStatus.REVISION);
    assertThat(enriched).extracting(EnrichedStory::getClusterId).containsOnly("cl-u-1");
    assertThat(enriched.get(2).getDedup().getMethod()).isEqualTo(DedupMethod.STORY_ID);
    assertThat(enriched.get(2).getDedup().getCanonicalId()).isEqualTo("u-1");
    IndexedStory held =
        driver.<String, IndexedStory>getKeyValueStore(EnrichTopology.INDEX_STORE).get("u-1");
    assertThat(held.getRevision()).isEqualTo(3);
    assertThat(held.getRevisedHash()).isEqualTo("third");
    assertThat(held.getContentHash()).as("the first version's").isEqualTo(first.getContentHash());
  }

  @Test
  void shouldNameEveryProcessorStoreAndTopic() {
    String description =
        EnrichTopology.build(EnrichSettings.defaults(), topics).describe().toString();

    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
  }
}
