package dev.tocsin.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.dedup.StoryIndex;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.state.IndexedStory;
import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.DedupMethod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class IndexProcessorTest {

  private record Judged(String id, StoryIndex.Story story) {}

  @Test
  void shouldJudgeAfterARebuildFromTheStoreExactlyAsWithoutOne() throws Exception {
    List<Judged> stories = evaluationStories();
    DedupSettings settings = DedupSettings.defaults();
    StoryIndex running = new StoryIndex(settings);
    // What the index store would hold, as bytes, after the first half of the stories.
    List<KeyValue<String, byte[]>> store = new ArrayList<>();
    int half = stories.size() / 2;
    Instant seenAt = Instant.parse("2024-11-04T00:00:00Z");
    for (int i = 0; i < half; i++) {
      StoryIndex.Story s = stories.get(i).story();
      StoryIndex.Entry entry = running.add(s, running.judge(s), "source-" + s.id(), seenAt);
      store.add(
          KeyValue.pair(
              s.id(), AvroSerde.of(IndexedStory.class).encode(IndexProcessor.avro(entry, i))));
    }
    // RocksDB gives the records back in key order, not in the order they were judged.
    Collections.shuffle(store, new Random(7));
    StoryIndex rebuilt = new StoryIndex(settings);
    long next =
        IndexProcessor.restore(
            rebuilt,
            store.stream()
                .map(
                    kv ->
                        KeyValue.<String, IndexedStory>pair(
                            kv.key, AvroSerde.of(IndexedStory.class).decode(kv.value)))
                .iterator());

    assertThat(next).isEqualTo(half);
    assertThat(rebuilt.size()).isEqualTo(running.size());
    int copies = 0;
    int joins = 0;
    for (int i = half; i < stories.size(); i++) {
      StoryIndex.Story s = stories.get(i).story();
      StoryIndex.Verdict want = running.judge(s);
      StoryIndex.Verdict got = rebuilt.judge(s);
      assertThat(got).as(s.id()).isEqualTo(want);
      running.add(s, want, null, seenAt);
      rebuilt.add(s, got, null, seenAt);
      copies += want.isCopy() ? 1 : 0;
      joins += want.method() == DedupMethod.TRANSLATION ? 1 : 0;
    }
    assertThat(copies).as("copies judged after the rebuild").isGreaterThan(10);
    assertThat(joins).as("reports joined after the rebuild").isGreaterThan(5);
  }

  @Test
  void shouldKeepTheLeadOfANearCopyThroughARebuild() {
    DedupSettings settings = DedupSettings.defaults();
    MinHash minHash = new MinHash(settings.minHashes(), settings.seed());
    String text =
        "North Korea has shipped more than 12,000 containers of artillery shells to Russia since"
            + " August, South Korea's defence ministry said on Monday.";
    StoryGist thin =
        new StoryGist(Set.of("weapon:artillery-shells"), Set.of(), Set.of("munitions-transfer"));
    StoryGist rich =
        new StoryGist(
            Set.of("weapon:artillery-shells", "org:mod-kor", "place:x"),
            Set.of("12000"),
            Set.of("munitions-transfer", "signal:x"));
    StoryIndex running = new StoryIndex(settings);
    Instant seenAt = Instant.parse("2024-11-04T00:00:00Z");
    List<IndexedStory> store = new ArrayList<>();
    for (StoryIndex.Story s :
        List.of(
            new StoryIndex.Story("syndicated", "h1", minHash.signature(text), thin, null),
            new StoryIndex.Story(
                "original", "h2", minHash.signature("SEOUL (Reuters) - " + text), rich, null))) {
      StoryIndex.Entry entry = running.add(s, running.judge(s), "source-" + s.id(), seenAt);
      store.add(
          AvroSerde.of(IndexedStory.class)
              .decode(
                  AvroSerde.of(IndexedStory.class)
                      .encode(IndexProcessor.avro(entry, store.size()))));
    }
    StoryIndex rebuilt = new StoryIndex(settings);
    IndexProcessor.restore(
        rebuilt,
        List.of(KeyValue.pair("syndicated", store.get(0)), KeyValue.pair("original", store.get(1)))
            .iterator());
    StoryIndex.Story translation = new StoryIndex.Story("ru", "h3", new int[0], rich, null);

    StoryIndex.Verdict want = running.judge(translation);
    assertThat(want.method()).isEqualTo(DedupMethod.TRANSLATION);
    assertThat(want.clusterId()).isEqualTo(StoryIndex.clusterIdOf("syndicated"));
    assertThat(rebuilt.judge(translation)).isEqualTo(want);
  }

  private static List<Judged> evaluationStories() throws Exception {
    StoryAnalyzer analyzer = new StoryAnalyzer(WatchProfile.russiaDprk());
    MinHash minHash = new MinHash(128, DedupSettings.MINHASH_SEED);
    ObjectMapper json = new ObjectMapper();
    List<Judged> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                IndexProcessorTest.class.getResourceAsStream("/eval/stories.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode n = json.readTree(line);
        String title = n.get("title").asText();
        String body = n.get("body").asText();
        String text = title + "\n" + body;
        var analysis = analyzer.analyze(new StoryText(title, body, null, null));
        int[] signature = MinHash.hasEnoughWords(text) ? minHash.signature(text) : new int[0];
        String id = n.get("id").asText();
        out.add(
            new Judged(
                id,
                new StoryIndex.Story(
                    id,
                    Integer.toHexString(text.hashCode()),
                    signature,
                    StoryGist.of(text, analysis),
                    null)));
      }
    }
    return out;
  }
}
