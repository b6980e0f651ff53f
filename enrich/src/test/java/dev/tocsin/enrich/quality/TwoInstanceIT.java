package dev.tocsin.enrich.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.Await;
import dev.tocsin.enrich.EnrichApp;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.dedup.OfflineDeduplicator;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.StreamsRunner;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DuplicateStory;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two enrich instances (one application id, separate state directories, one standby replica) share
 * the evaluation set's 318 stories against the embedded broker; one is closed half-way and the
 * other takes its tasks over. Every story comes out exactly once, and every copy and report is
 * judged as a single sequential run (the offline de-duplicator) judges it.
 *
 * <p>Stories go in waves, each holding at most one report of any labelled story (the n-th of each
 * group; the ungrouped ones in the first), and a wave starts when the previous one is out: related
 * stories then meet the stores in one order whichever partition or instance they land on, which
 * makes the verdicts deterministic. The offline run takes the stories in the same order.
 *
 * <p>A second run sends pairs of copies at the same moment to partitions that different instances
 * analyse: one index task judges both, so the first one it sees is the canonical story and both are
 * in one cluster.
 */
class TwoInstanceIT {

  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private static EmbeddedKafkaBroker broker;
  private static KafkaSettings kafka;
  private static Topics topics;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(Path.of("target", "two-instance-it-" + System.nanoTime()));
    kafka = KafkaSettings.local(broker.bootstrapServers());
    topics = Topics.withPrefix(kafka.topicPrefix());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldShareTheWorkJudgeCopiesAsOneInstanceWouldAndSurviveLosingAnInstance()
      throws Exception {
    List<List<EvaluationTest.Labelled>> waves = waves(EvaluationTest.load());
    EnrichSettings settings = EnrichSettings.defaults().withStandbyReplicas(1);
    Map<String, OfflineDeduplicator.Verdict> expected = expected(waves, settings);
    Path state = Path.of("target", "two-instance-state-" + System.nanoTime());

    StreamsRunner a = EnrichApp.start(kafka, settings, state.resolve("a"));
    StreamsRunner b = EnrichApp.start(kafka, settings, state.resolve("b"));
    Map<String, List<EnrichedStory>> enriched = new HashMap<>();
    Map<String, List<DuplicateStory>> duplicates = new HashMap<>();
    try (KafkaProducer<String, RawStory> producer = producer();
        KafkaConsumer<String, EnrichedStory> enrichedOut = consumer(topics.storiesEnriched());
        KafkaConsumer<String, DuplicateStory> duplicatesOut =
            consumer(topics.storiesDuplicates())) {
      await(
          () -> !a.activeTasks().isEmpty() && !b.activeTasks().isEmpty(),
          "both instances have active tasks");
      assertThat(a.activeTasks()).doesNotContainAnyElementsOf(b.activeTasks());
      await(
          () -> !a.standbyTasks().isEmpty() || !b.standbyTasks().isEmpty(),
          "standby tasks are assigned");

      Set<String> allTasks = new HashSet<>(a.activeTasks());
      allTasks.addAll(b.activeTasks());
      Set<String> sent = new HashSet<>();
      for (int w = 0; w < waves.size(); w++) {
        if (w == waves.size() / 2) {
          a.close();
          await(
              () -> b.activeTasks().containsAll(allTasks),
              "the remaining instance takes every task over");
        }
        for (EvaluationTest.Labelled s : waves.get(w)) {
          producer.send(
              new ProducerRecord<>(topics.storiesRaw().name(), s.id(), raw(s)),
              (metadata, error) -> {
                if (error != null) {
                  throw new IllegalStateException("Cannot send " + s.id(), error);
                }
              });
          sent.add(s.id());
        }
        producer.flush();
        await(
            () -> {
              poll(enrichedOut, enriched);
              poll(duplicatesOut, duplicates);
              return enriched.keySet().containsAll(sent);
            },
            "wave " + (w + 1) + " is enriched");
      }
      // Anything late would be a duplicate output: give it a moment to show.
      Instant quiet = Instant.now().plusSeconds(2);
      while (Instant.now().isBefore(quiet)) {
        poll(enrichedOut, enriched);
        poll(duplicatesOut, duplicates);
      }
    } finally {
      a.close();
      b.close();
    }

    assertThat(enriched).hasSize(expected.size());
    assertThat(enriched.values()).allSatisfy(copies -> assertThat(copies).hasSize(1));
    assertThat(duplicates.values()).allSatisfy(copies -> assertThat(copies).hasSize(1));
    int copies = 0;
    int joins = 0;
    for (Map.Entry<String, OfflineDeduplicator.Verdict> e : expected.entrySet()) {
      OfflineDeduplicator.Verdict want = e.getValue();
      EnrichedStory got = enriched.get(e.getKey()).get(0);
      assertThat(got.getClusterId()).as(e.getKey()).isEqualTo(want.clusterId());
      assertThat(got.getDedup().getMethod()).as(e.getKey()).isEqualTo(want.method());
      if (want.duplicateOf() != null) {
        copies++;
        assertThat(got.getDedup().getStatus()).as(e.getKey()).isEqualTo(DedupStatus.DUPLICATE);
        // A copy may name an earlier copy of the same original that it is closer to (the band
        // store keeps copies; the offline run compares with originals only): both are right.
        String canonical = got.getDedup().getCanonicalId();
        assertThat(
                canonical.equals(want.duplicateOf())
                    || want.duplicateOf().equals(expected.get(canonical).duplicateOf()))
            .as("%s copies %s, expected %s", e.getKey(), canonical, want.duplicateOf())
            .isTrue();
        assertThat(duplicates).containsKey(e.getKey());
      } else {
        assertThat(got.getDedup().getStatus()).as(e.getKey()).isEqualTo(DedupStatus.UNIQUE);
        assertThat(duplicates).doesNotContainKey(e.getKey());
      }
      joins += want.method() == DedupMethod.TRANSLATION ? 1 : 0;
    }
    assertThat(copies).as("copies in the set").isGreaterThan(50);
    assertThat(joins).as("reports joined across languages or words").isGreaterThan(20);
  }

  @Test
  void shouldJudgeNearSimultaneousCopiesOnDifferentInstancesAsOneStoryInOneCluster()
      throws Exception {
    EnrichSettings settings = EnrichSettings.defaults();
    Path state = Path.of("target", "two-instance-race-" + System.nanoTime());
    StreamsRunner a = EnrichApp.start(kafka, settings, state.resolve("a"));
    StreamsRunner b = EnrichApp.start(kafka, settings, state.resolve("b"));
    int pairs = 12;
    Map<String, List<EnrichedStory>> enriched = new HashMap<>();
    try (KafkaProducer<String, RawStory> producer = producer();
        KafkaConsumer<String, EnrichedStory> enrichedOut = consumer(topics.storiesEnriched())) {
      await(
          () -> analysisPartition(a) >= 0 && analysisPartition(b) >= 0,
          "both instances analyse some partition");
      int onA = analysisPartition(a);
      int onB = analysisPartition(b);
      java.util.Random random = new java.util.Random(42);
      // Each pair is one text and a lightly edited copy, sent in the same batch to partitions
      // analysed by different instances: they reach the index task within one commit interval.
      for (int p = 0; p < pairs; p++) {
        String body = "North Korea sends troops to Russia. " + words(random, 40);
        String first = "race-" + p + "-a";
        String second = "race-" + p + "-b";
        producer.send(
            new ProducerRecord<>(
                topics.storiesRaw().name(), onA, first, race(first, "Outlet A", body)));
        producer.send(
            new ProducerRecord<>(
                topics.storiesRaw().name(),
                onB,
                second,
                race(second, "Outlet B", body + " Updated.")));
      }
      producer.flush();
      await(
          () -> {
            poll(enrichedOut, enriched);
            return enriched.keySet().stream().filter(k -> k.startsWith("race-")).count()
                == 2L * pairs;
          },
          "every raced story is enriched");
    } finally {
      a.close();
      b.close();
    }
    for (int p = 0; p < pairs; p++) {
      EnrichedStory first = enriched.get("race-" + p + "-a").get(0);
      EnrichedStory second = enriched.get("race-" + p + "-b").get(0);
      assertThat(List.of(first.getDedup().getStatus(), second.getDedup().getStatus()))
          .as("pair %d: one original and one copy", p)
          .containsExactlyInAnyOrder(DedupStatus.UNIQUE, DedupStatus.DUPLICATE);
      EnrichedStory copy = first.getDedup().getStatus() == DedupStatus.DUPLICATE ? first : second;
      EnrichedStory original = copy == first ? second : first;
      assertThat(copy.getDedup().getCanonicalId())
          .as("pair %d: the copy names the story judged first", p)
          .isEqualTo(original.getStory().getId());
      assertThat(copy.getClusterId())
          .as("pair %d: one cluster", p)
          .isEqualTo(original.getClusterId());
    }
  }

  // A partition of stories.raw whose analysis task (sub-topology 0) this instance runs, or -1.
  private static int analysisPartition(StreamsRunner runner) {
    return runner.activeTasks().stream()
        .filter(t -> t.startsWith("0_"))
        .mapToInt(t -> Integer.parseInt(t.substring(2)))
        .findFirst()
        .orElse(-1);
  }

  private static String words(java.util.Random random, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      for (int c = 0, len = 4 + random.nextInt(6); c < len; c++) {
        out.append((char) ('a' + random.nextInt(26)));
      }
      out.append(i % 10 == 9 ? ". " : " ");
    }
    return out.toString().trim();
  }

  private static RawStory race(String id, String outlet, String body) {
    return RawStory.newBuilder()
        .setId(id)
        .setFeedUrl("https://" + outlet.replace(' ', '-') + ".example/feed")
        .setFeedName(outlet)
        .setOutlet(outlet)
        .setTitle("North Korean troops reach Russia")
        .setBody(body)
        .setFetchedAt(Instant.parse("2024-11-05T00:00:00Z"))
        .setContentHash(Integer.toHexString(body.hashCode()))
        .build();
  }

  // The n-th report of every labelled story in wave n; stories of no group in the first wave.
  static List<List<EvaluationTest.Labelled>> waves(List<EvaluationTest.Labelled> stories) {
    Map<String, Integer> seen = new HashMap<>();
    Map<Integer, List<EvaluationTest.Labelled>> waves = new LinkedHashMap<>();
    for (EvaluationTest.Labelled s : stories) {
      int wave = s.group() == null ? 0 : seen.merge(s.group(), 1, Integer::sum) - 1;
      waves.computeIfAbsent(wave, k -> new ArrayList<>()).add(s);
    }
    return List.copyOf(waves.values());
  }

  static Map<String, OfflineDeduplicator.Verdict> expected(
      List<List<EvaluationTest.Labelled>> waves, EnrichSettings settings) {
    StoryAnalyzer analyzer = new StoryAnalyzer(settings.profile());
    OfflineDeduplicator offline = new OfflineDeduplicator(settings.dedup());
    Map<String, OfflineDeduplicator.Verdict> expected = new LinkedHashMap<>();
    for (List<EvaluationTest.Labelled> wave : waves) {
      for (EvaluationTest.Labelled s : wave) {
        var analysis = analyzer.analyze(new StoryText(s.title(), s.body(), null, null));
        String text = s.title() + "\n" + s.body();
        expected.put(
            s.id(),
            offline.add(
                new OfflineDeduplicator.Story(
                    s.id(),
                    EvaluationTest.contentHash(s.title(), s.body()),
                    text,
                    analysis.language(),
                    StoryGist.of(text, analysis))));
      }
    }
    return expected;
  }

  static RawStory raw(EvaluationTest.Labelled s) {
    return RawStory.newBuilder()
        .setId(s.id())
        .setFeedUrl("https://" + s.lang() + ".example/feed")
        .setFeedName(s.lang())
        .setOutlet("outlet-" + s.id())
        .setTitle(s.title())
        .setBody(s.body())
        .setFetchedAt(Instant.parse("2024-11-04T00:00:00Z"))
        .setContentHash(EvaluationTest.contentHash(s.title(), s.body()))
        .build();
  }

  private static KafkaProducer<String, RawStory> producer() {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(
        config, new StringSerializer(), topics.storiesRaw().valueSerde().serializer());
  }

  private static <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "two-instance-it-" + topic.name());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }

  private static <V> void poll(KafkaConsumer<String, V> consumer, Map<String, List<V>> into) {
    for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
      into.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Await.until(condition, what, DEADLINE);
  }
}
