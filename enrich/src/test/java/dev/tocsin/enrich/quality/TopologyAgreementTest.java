package dev.tocsin.enrich.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.dedup.OfflineDeduplicator;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.enrich.topology.EnrichTopology;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole evaluation set through the Streams topology and the offline de-duplicator (the
 * path of {@code tocsin analyze} and the evaluation) and checks they reach the same verdict on
 * every story: copy of which story, by which method, and which cluster.
 */
class TopologyAgreementTest {

  @Test
  void shouldJudgeEveryEvaluationStoryAsTheOfflineDeduplicatorDoes() throws Exception {
    List<EvaluationTest.Labelled> stories = EvaluationTest.load();
    EnrichSettings settings = EnrichSettings.defaults();
    StoryAnalyzer analyzer = new StoryAnalyzer(settings.profile());
    OfflineDeduplicator offline = new OfflineDeduplicator(settings.dedup());
    Map<String, OfflineDeduplicator.Verdict> expected = new HashMap<>();
    for (EvaluationTest.Labelled s : stories) {
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

    Topics topics = Topics.defaults();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-agreement");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Files.createTempDirectory(Path.of("target"), "ttd").toString());
    Map<String, EnrichedStory> actual = new HashMap<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(EnrichTopology.build(settings, topics), props)) {
      TestInputTopic<String, RawStory> raw =
          driver.createInputTopic(
              topics.storiesRaw().name(),
              Serdes.String().serializer(),
              topics.storiesRaw().valueSerde().serializer());
      Instant t = Instant.parse("2024-11-04T00:00:00Z");
      for (EvaluationTest.Labelled s : stories) {
        t = t.plusSeconds(60);
        raw.pipeInput(
            s.id(),
            RawStory.newBuilder()
                .setId(s.id())
                .setFeedUrl("https://" + s.lang() + ".example/feed")
                .setFeedName(s.lang())
                .setOutlet("outlet-" + s.id())
                .setTitle(s.title())
                .setBody(s.body())
                .setFetchedAt(t)
                .setContentHash(EvaluationTest.contentHash(s.title(), s.body()))
                .build(),
            t);
      }
      driver
          .createOutputTopic(
              topics.storiesEnriched().name(),
              Serdes.String().deserializer(),
              topics.storiesEnriched().valueSerde().deserializer())
          .readKeyValuesToList()
          .forEach(kv -> actual.put(kv.key, kv.value));
    }

    assertThat(actual).hasSameSizeAs(stories);
    int joined = 0;
    for (EvaluationTest.Labelled s : stories) {
      OfflineDeduplicator.Verdict want = expected.get(s.id());
      EnrichedStory got = actual.get(s.id());
      if (want.method() != DedupMethod.TRANSLATION) {
        assertThat(got.getDedup().getCanonicalId()).as(s.id()).isEqualTo(want.duplicateOf());
      }
      assertThat(got.getDedup().getMethod()).as(s.id()).isEqualTo(want.method());
      assertThat(got.getClusterId()).as(s.id()).isEqualTo(want.clusterId());
      joined += want.method() == DedupMethod.TRANSLATION ? 1 : 0;
    }
    assertThat(joined).as("stories joined to a cluster by their gist").isPositive();
  }
}
