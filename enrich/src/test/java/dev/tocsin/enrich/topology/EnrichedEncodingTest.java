package dev.tocsin.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The index task writes each enriched record as the analysis' head joined with the verdict it
 * decides: that must be, byte for byte, what the topic's serde writes for the whole record.
 */
class EnrichedEncodingTest {

  private final Serde<EnrichedStory> serde = Topics.withPrefix("t.").storiesEnriched().valueSerde();
  private final EnrichedEncoding encoding = new EnrichedEncoding(serde);

  @Test
  void shouldJoinHeadAndVerdictIntoWhatTheSerdeWrites() throws IOException {
    StoryAnalyzer analyzer = new StoryAnalyzer(WatchProfile.russiaDprk());
    List<DedupVerdict> verdicts =
        List.of(
            new DedupVerdict(DedupStatus.UNKNOWN, null, null, 0.0),
            new DedupVerdict(DedupStatus.UNIQUE, null, null, 0.0),
            new DedupVerdict(DedupStatus.DUPLICATE, "story-1", DedupMethod.MINHASH, 0.91),
            new DedupVerdict(DedupStatus.UNIQUE, "story-2", DedupMethod.TRANSLATION, 0.5),
            new DedupVerdict(DedupStatus.REVISION, "story-3", DedupMethod.STORY_ID, 1.0));
    int checked = 0;
    for (JsonNode s : stories()) {
      String title = s.get("title").asText();
      String body = s.get("body").asText();
      RawStory raw =
          RawStory.newBuilder()
              .setId("id-" + s.get("id").asText())
              .setFeedUrl("http://feed.test/rss")
              .setFeedName("feed")
              .setOutlet("Outlet Ünïcode 통신")
              .setTitle(title)
              .setSummary(checked % 2 == 0 ? body : null)
              .setBody(checked % 2 == 0 ? null : body)
              .setPublishedAt(checked % 3 == 0 ? null : Instant.ofEpochMilli(1_700_000_000_000L))
              .setFetchedAt(Instant.ofEpochMilli(1_700_000_100_000L + checked))
              .setContentHash("hash-" + checked)
              .setTags(List.of("wire"))
              .build();
      EnrichedStory analysed =
          StoryRecords.enriched(
              raw,
              analyzer.analyze(StoryRecords.text(raw)),
              "russia-dprk",
              Instant.ofEpochMilli(1_700_000_200_000L + checked * 7919L));
      byte[] head = encoding.head(analysed);
      DedupVerdict verdict = verdicts.get(checked % verdicts.size());
      String clusterId = checked % 4 == 0 ? null : "cl-" + s.get("id").asText();
      EnrichedStory judged =
          EnrichedStory.newBuilder(analysed).setDedup(verdict).setClusterId(clusterId).build();

      byte[] joined = EnrichedEncoding.join(head, verdict, clusterId, analysed.getAnalyzedAt());

      assertThat(joined).isEqualTo(serde.serializer().serialize("", judged));
      assertThat(encoding.decode(joined)).isEqualTo(judged);
      checked++;
    }
    assertThat(checked).isGreaterThan(300);
  }

  @Test
  void shouldKeepWhatTheIndexReadsInTheSkeleton() throws IOException {
    JsonNode s = stories().get(0);
    RawStory raw =
        RawStory.newBuilder()
            .setId("a")
            .setRevision(2)
            .setFeedUrl("http://feed.test/rss")
            .setFeedName("feed")
            .setOutlet("outlet")
            .setTitle(s.get("title").asText())
            .setBody(s.get("body").asText())
            .setPublishedAt(Instant.ofEpochMilli(5))
            .setFetchedAt(Instant.ofEpochMilli(6))
            .setContentHash("h")
            .build();
    EnrichedStory story =
        StoryRecords.enriched(
            raw,
            new StoryAnalyzer(WatchProfile.russiaDprk()).analyze(StoryRecords.text(raw)),
            "russia-dprk",
            Instant.ofEpochMilli(7));

    EnrichedStory skeleton = StoryRecords.skeleton(story);

    assertThat(skeleton.getStory().getId()).isEqualTo("a");
    assertThat(skeleton.getStory().getRevision()).isEqualTo(2);
    assertThat(skeleton.getStory().getOutlet()).isEqualTo("outlet");
    assertThat(skeleton.getStory().getContentHash()).isEqualTo("h");
    assertThat(skeleton.getStory().getPublishedAt()).isEqualTo(Instant.ofEpochMilli(5));
    assertThat(skeleton.getStory().getBody()).isNull();
    assertThat(skeleton.getLanguage()).isEqualTo(story.getLanguage());
    assertThat(skeleton.getRelevance().getRelevant()).isEqualTo(story.getRelevance().getRelevant());
    assertThat(skeleton.getRelevance().getReasons()).isEmpty();
    assertThat(skeleton.getDedup()).isEqualTo(story.getDedup());
    assertThat(skeleton.getAnalyzedAt()).isEqualTo(Instant.ofEpochMilli(7));
    assertThat(serde.serializer().serialize("", skeleton).length)
        .isLessThan(serde.serializer().serialize("", story).length / 3);
  }

  private static List<JsonNode> stories() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = EnrichedEncodingTest.class.getResourceAsStream("/eval/stories.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .map(
              l -> {
                try {
                  return json.readTree(l);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              })
          .toList();
    }
  }
}
