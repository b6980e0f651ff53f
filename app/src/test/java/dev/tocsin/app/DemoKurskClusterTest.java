package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.cluster.ClusterAggregator;
import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.dedup.StoryIndex;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.ingest.feed.FeedParser;
import dev.tocsin.ingest.feed.ParsedItem;
import dev.tocsin.ingest.identity.CanonicalUrl;
import dev.tocsin.ingest.identity.StoryIds;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EntityMention;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Reason;
import dev.tocsin.schemas.Relevance;
import dev.tocsin.schemas.StoryCluster;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Runs the bundled demo feeds' stories through the analysis, the index and the cluster fold the
 * enrich topology uses ({@link StoryIndex}, {@link ClusterAggregator#sourceOf}, {@link
 * ClusterAggregator#add}, as the index task and the cluster step call them), with the feeds in
 * every order (the pipeline's partitions reach the index task in no set order), and checks how the
 * reports of North Korean troops near Kursk cluster: one development reported in English, Russian
 * and Korean within three days is one cluster, and so one alert, that ends with three independent
 * sources in three languages.
 */
class DemoKurskClusterTest {

  // The guids of the three outlets' own reports of the troops near Kursk.
  static final String ENGLISH = "am-2024-1028-01";
  static final String RUSSIAN = "vestnik-20241030-0187";
  static final String KOREAN = "hbi-20241031-0113";
  // Global Wire Daily's report of shells and KN-23 missiles shipped to Russia.
  static final String SHIPMENT =
      "tag:globalwiredaily.example,2024-11-05:world/asia/dprk-munitions-rail-sea";
  // Global Wire Daily's syndicated copy of the English report.
  static final String COPY = "tag:globalwiredaily.example,2024-10-28:";

  // Outlet and tags of each feed, as DemoFeeds registers them.
  private static final Map<String, List<String>> FEEDS =
      Map.of(
          "atlantic-monitor.rss.xml", List.of("Atlantic Monitor"),
          "ria-vestnik.rss.xml", List.of("Вестник Дня", "state-media:RUS"),
          "hanbando-ilbo.rss.xml", List.of("한반도일보"),
          "world-briefing.json", List.of("World Briefing"),
          "global-wire-daily.atom.xml", List.of("Global Wire Daily"));

  private static final Instant FETCHED = Instant.parse("2024-11-30T00:00:00Z");

  record Judged(String guid, String language, StoryIndex.Verdict verdict) {}

  record Run(
      Map<String, Judged> judged,
      Map<String, StoryCluster> clusters,
      Map<String, List<Event>> events) {}

  @Test
  void shouldFoldTheThreeKurskReportsIntoOneClusterOfThreeSourcesWhateverTheirOrder()
      throws Exception {
    List<String> feeds =
        List.of(
            "atlantic-monitor.rss.xml",
            "ria-vestnik.rss.xml",
            "hanbando-ilbo.rss.xml",
            "world-briefing.json",
            "global-wire-daily.atom.xml");
    int orders = 0;
    int copyFirst = 0;
    int copyFirstTogether = 0;
    for (List<String> files : permutations(feeds)) {
      // The demo adds Global Wire Daily, whose syndicated copy of the English report has a summary
      // of its own, in a later wave: its copy comes after the report it copies. Where it comes
      // first, a translation judged between the two starts a cluster of its own (enrich/README.md,
      // "Known limits"): those orders are counted, not held to one cluster.
      if (files.indexOf("global-wire-daily.atom.xml") < files.indexOf("atlantic-monitor.rss.xml")) {
        Map<String, Judged> judged = run(files).judged();
        String english = judged.get(ENGLISH).verdict().clusterId();
        copyFirst++;
        copyFirstTogether +=
            judged.get(RUSSIAN).verdict().clusterId().equals(english)
                    && judged.get(KOREAN).verdict().clusterId().equals(english)
                ? 1
                : 0;
        continue;
      }
      orders++;
      List<String> order = files;
      Run run = run(files);
      Map<String, Judged> judged = run.judged();

      String cluster = judged.get(ENGLISH).verdict().clusterId();
      assertThat(judged.get(RUSSIAN).verdict().clusterId()).as("Russian report").isEqualTo(cluster);
      assertThat(judged.get(KOREAN).verdict().clusterId()).as("Korean report").isEqualTo(cluster);
      Judged copy =
          judged.values().stream().filter(j -> j.guid().startsWith(COPY)).findFirst().orElseThrow();
      assertThat(copy.verdict().isCopy()).as("the syndicated copy").isTrue();
      assertThat(copy.verdict().clusterId()).isEqualTo(cluster);
      // Nothing else of the demo joins the development.
      assertThat(
              judged.values().stream()
                  .filter(j -> j.verdict().clusterId().equals(cluster))
                  .map(Judged::language)
                  .toList())
          .as("order %s", order)
          .containsExactlyInAnyOrder("en", "ru", "ko", "en");

      StoryCluster folded = run.clusters().get(cluster);
      assertThat(folded.getIndependentSources()).as("order %s", order).isEqualTo(3);
      assertThat(folded.getSources())
          .containsExactlyInAnyOrder("Atlantic Monitor", "Вестник Дня", "한반도일보");
      assertThat(folded.getLanguages()).containsExactlyInAnyOrder("en", "ru", "ko");
      assertThat(folded.getMemberCount()).isEqualTo(4);
      assertThat(folded.getLastSeen())
          .isBeforeOrEqualTo(
              folded.getFirstSeen().plus(DedupSettings.defaults().developmentWindow()));
    }
    assertThat(orders).isEqualTo(60);
    System.out.printf(
        "Kursk reports in one cluster: %d of %d orders with the copy after its original, %d of %d"
            + " with the copy first%n",
        orders, orders, copyFirstTogether, copyFirst);
  }

  @Test
  void shouldNameEachClusterByTheEventItsEarliestReportLeadsWith() throws Exception {
    // The shipment story leads with the transfer; its third paragraph says the missiles were fired
    // at Ukrainian cities, the strongest event it reports.
    Run all =
        run(
            List.of(
                "atlantic-monitor.rss.xml",
                "ria-vestnik.rss.xml",
                "hanbando-ilbo.rss.xml",
                "world-briefing.json",
                "global-wire-daily.atom.xml"));
    StoryCluster shipment = all.clusters().get(all.judged().get(SHIPMENT).verdict().clusterId());
    assertThat(shipment.getStrongestEvent().getType()).isEqualTo("fight-with-artillery");
    assertThat(shipment.getMainEvent().getType()).isEqualTo("missile-transfer");
    assertThat(shipment.getMainEvent().getSourceActor()).isEqualTo("PRK");
    assertThat(shipment.getMainEvent().getTargetActor()).isEqualTo("RUS");

    // The Kursk development is named by its earliest report, the English one, neither by the
    // first to arrive (the Russian) nor by the last (the Korean): the three lead with different
    // events.
    Run firstWave =
        run(
            List.of(
                "ria-vestnik.rss.xml",
                "atlantic-monitor.rss.xml",
                "hanbando-ilbo.rss.xml",
                "world-briefing.json"));
    Event english = firstWave.events().get(ENGLISH).get(0);
    assertThat(firstWave.events().get(RUSSIAN).get(0)).as("precondition").isNotEqualTo(english);
    assertThat(firstWave.events().get(KOREAN).get(0)).as("precondition").isNotEqualTo(english);
    StoryCluster kursk =
        firstWave.clusters().get(firstWave.judged().get(ENGLISH).verdict().clusterId());
    assertThat(kursk.getMemberCount()).isEqualTo(3);
    assertThat(kursk.getMainEvent()).isEqualTo(english);
  }

  // Every order of the feeds: the demo polls them at once, and their stories reach the index task
  // in whatever order their partitions are processed.
  private static List<List<String>> permutations(List<String> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<String>> out = new ArrayList<>();
    for (String first : items) {
      List<String> rest = new ArrayList<>(items);
      rest.remove(first);
      for (List<String> tail : permutations(rest)) {
        List<String> order = new ArrayList<>();
        order.add(first);
        order.addAll(tail);
        out.add(order);
      }
    }
    return out;
  }

  // The index task's and the cluster step's work on each story, in order.
  private static Run run(List<String> files) throws Exception {
    DedupSettings settings = DedupSettings.defaults();
    StoryAnalyzer analyzer = new StoryAnalyzer(WatchProfile.russiaDprk());
    MinHash minHash = new MinHash(settings.minHashes(), settings.seed());
    StoryIndex index = new StoryIndex(settings);
    Map<String, Judged> judged = new LinkedHashMap<>();
    Map<String, StoryCluster> clusters = new HashMap<>();
    Map<String, List<Event>> events = new HashMap<>();
    Instant seen = FETCHED;
    for (String file : files) {
      for (ParsedItem item : parse(file)) {
        RawStory raw = raw(file, item);
        StoryText storyText =
            new StoryText(raw.getTitle(), raw.getSummary(), raw.getBody(), raw.getLanguage());
        Analysis analysis = analyzer.analyze(storyText);
        String text = fullText(raw);
        StoryGist gist = StoryGist.ofLead(storyText, analysis);
        if (System.getenv("DEMO_DEBUG") != null) {
          System.out.println(item.guid() + " " + raw.getPublishedAt() + " " + gist);
        }
        int[] signature = MinHash.hasEnoughWords(text) ? minHash.signature(text) : new int[0];
        StoryIndex.Story candidate =
            new StoryIndex.Story(
                raw.getId(), raw.getContentHash(), signature, gist, raw.getPublishedAt());
        StoryIndex.Verdict verdict = index.judge(candidate);
        String source =
            ClusterAggregator.sourceOf(raw, verdict.isCopy(), index.matchedSource(verdict));
        seen = seen.plus(Duration.ofSeconds(1));
        index.add(candidate, verdict, source, seen);
        judged.put(item.guid(), new Judged(item.guid(), analysis.language(), verdict));
        if (analysis.relevance().relevant()) {
          EnrichedStory story = enriched(raw, analysis, verdict, seen);
          events.put(item.guid(), story.getEvents());
          clusters.put(
              verdict.clusterId(),
              ClusterAggregator.add(clusters.get(verdict.clusterId()), story, source, 50));
        }
      }
    }
    return new Run(judged, clusters, events);
  }

  private static RawStory raw(String file, ParsedItem item) {
    List<String> feed = FEEDS.get(file);
    String canonical = item.link() == null ? null : CanonicalUrl.of(item.link()).orElse(null);
    String body = item.content() != null ? item.content() : nonNull(item.summary());
    String feedUrl = "http://localhost/feeds/" + file;
    return RawStory.newBuilder()
        .setId(StoryIds.of(canonical, item.guid(), feedUrl, item.title(), body))
        .setFeedUrl(feedUrl)
        .setFeedName(feed.get(0))
        .setOutlet(feed.get(0))
        .setUrl(item.link())
        .setCanonicalUrl(canonical)
        .setGuid(item.guid())
        .setTitle(item.title())
        .setSummary(item.summary())
        .setBody(item.content())
        .setPublishedAt(item.published())
        .setFetchedAt(FETCHED)
        .setContentHash(StoryIds.contentHash(item.title(), body))
        .setTags(feed.subList(1, feed.size()))
        .build();
  }

  private static EnrichedStory enriched(
      RawStory raw, Analysis analysis, StoryIndex.Verdict verdict, Instant analyzedAt) {
    return EnrichedStory.newBuilder()
        .setStory(raw)
        .setLanguage(analysis.language())
        .setEntities(
            analysis.mentions().stream()
                .map(
                    m ->
                        new EntityMention(
                            m.entityId(),
                            m.name(),
                            m.type(),
                            m.field(),
                            m.start(),
                            m.end(),
                            m.surface()))
                .toList())
        .setRelevance(
            Relevance.newBuilder()
                .setScore(analysis.relevance().score())
                .setRelevant(analysis.relevance().relevant())
                .setProfile("russia-dprk")
                .setReasons(
                    analysis.relevance().reasons().stream()
                        .map(r -> new Reason(r.code(), r.detail(), r.weight()))
                        .toList())
                .build())
        .setEvents(
            analysis.events().stream()
                .map(
                    e ->
                        new Event(
                            e.type(),
                            e.cameoCode(),
                            e.goldstein(),
                            e.sourceActor(),
                            e.targetActor(),
                            e.confidence(),
                            e.evidence()))
                .toList())
        .setDedup(
            new DedupVerdict(
                verdict.isCopy() ? DedupStatus.DUPLICATE : DedupStatus.UNIQUE,
                verdict.canonicalId(),
                verdict.method(),
                verdict.score()))
        .setClusterId(verdict.clusterId())
        .setAnalyzedAt(analyzedAt)
        .build();
  }

  private static String fullText(RawStory raw) {
    return String.join("\n", raw.getTitle(), nonNull(raw.getSummary()), nonNull(raw.getBody()));
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
