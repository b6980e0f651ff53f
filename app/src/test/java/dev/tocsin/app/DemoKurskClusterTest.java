package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.dedup.OfflineDeduplicator;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.ingest.feed.FeedParser;
import dev.tocsin.ingest.feed.ParsedItem;
import dev.tocsin.ingest.identity.StoryIds;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Runs the bundled demo feeds' stories through the analysis and the de-duplication the enrich
 * topology uses, in the order the demo polls them, and checks how the reports of North Korean
 * troops near Kursk cluster: one development reported in English, Russian and Korean is one
 * cluster.
 */
class DemoKurskClusterTest {

  // The guids of the three outlets' own reports of the troops near Kursk.
  static final String ENGLISH = "am-2024-1028-01";
  static final String RUSSIAN = "vestnik-20241104-0187";
  static final String KOREAN = "hbi-20241113-0113";
  // Global Wire Daily's syndicated copy of the English report.
  static final String COPY = "tag:globalwiredaily.example,2024-10-28:";

  record Judged(String guid, String language, OfflineDeduplicator.Verdict verdict) {}

  @Test
  void shouldPutTheThreeKurskReportsInOneClusterWhateverTheirOrder() throws Exception {
    List<String> firstWave =
        List.of(
            "atlantic-monitor.rss.xml",
            "ria-vestnik.rss.xml",
            "hanbando-ilbo.rss.xml",
            "world-briefing.json");
    for (List<String> order : List.of(firstWave, reversed(firstWave))) {
      List<String> files = new ArrayList<>(order);
      files.add("global-wire-daily.atom.xml");
      Map<String, Judged> judged = judge(files);

      String cluster = judged.get(ENGLISH).verdict().clusterId();
      assertThat(judged.get(RUSSIAN).verdict().clusterId()).as("Russian report").isEqualTo(cluster);
      assertThat(judged.get(KOREAN).verdict().clusterId()).as("Korean report").isEqualTo(cluster);
      Judged copy =
          judged.values().stream().filter(j -> j.guid().startsWith(COPY)).findFirst().orElseThrow();
      assertThat(copy.verdict().duplicateOf()).as("the syndicated copy").isNotNull();
      assertThat(copy.verdict().clusterId()).isEqualTo(cluster);
      // Nothing else of the demo joins the development.
      assertThat(
              judged.values().stream()
                  .filter(j -> j.verdict().clusterId().equals(cluster))
                  .map(Judged::language)
                  .toList())
          .containsExactlyInAnyOrder("en", "ru", "ko", "en");
    }
  }

  private static List<String> reversed(List<String> list) {
    List<String> out = new ArrayList<>(list);
    java.util.Collections.reverse(out);
    return out;
  }

  private static Map<String, Judged> judge(List<String> files) throws Exception {
    StoryAnalyzer analyzer = new StoryAnalyzer(WatchProfile.russiaDprk());
    OfflineDeduplicator dedup = new OfflineDeduplicator(DedupSettings.defaults());
    Map<String, Judged> out = new LinkedHashMap<>();
    for (String file : files) {
      for (ParsedItem item : parse(file)) {
        String body = item.content() != null ? item.content() : item.summary();
        String text =
            String.join("\n", item.title(), nonNull(item.summary()), nonNull(item.content()));
        Analysis analysis =
            analyzer.analyze(new StoryText(item.title(), item.summary(), item.content(), null));
        StoryGist gist = StoryGist.of(text, analysis);
        if (System.getenv("DEMO_DEBUG") != null) {
          System.out.println(item.guid() + " " + item.published() + " " + gist);
        }
        OfflineDeduplicator.Verdict verdict =
            dedup.add(
                new OfflineDeduplicator.Story(
                    item.guid(),
                    StoryIds.contentHash(item.title(), nonNull(body)),
                    item.title() + "\n" + nonNull(body),
                    analysis.language(),
                    gist,
                    item.published()));
        out.put(item.guid(), new Judged(item.guid(), analysis.language(), verdict));
      }
    }
    return out;
  }

  private static List<ParsedItem> parse(String file) throws Exception {
    try (InputStream in =
        Objects.requireNonNull(
            DemoKurskClusterTest.class.getResourceAsStream("/demo/feeds/" + file), file)) {
      String type = file.endsWith(".json") ? "application/feed+json" : "application/xml";
      return new FeedParser()
          .parse(in.readAllBytes(), type, URI.create("http://localhost/feeds/" + file))
          .items();
    }
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
