package dev.tocsin.enrich.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.dedup.OfflineDeduplicator;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.profile.WatchProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the bundled russia-dprk profile and de-duplication on the labelled evaluation set
 * ({@code eval/stories.jsonl}: headline + lede in English, Russian and Korean), prints the figures
 * and enforces floors. The profile was tuned on the {@code tune} split only; the {@code holdout}
 * split's figures are printed beside it.
 */
class EvaluationTest {

  static final double RELEVANCE_F1_FLOOR = 0.98;
  static final double EVENT_ACCURACY_FLOOR = 0.94;
  static final double EVENT_HOLDOUT_ACCURACY_FLOOR = 0.88;
  static final double EVENT_STORIES_ACCURACY_FLOOR = 0.89;
  static final double DUPLICATE_PRECISION_FLOOR = 0.98;
  static final double DUPLICATE_RECALL_FLOOR = 0.92;
  // Reports of one story in other words or languages share entities, figures, concepts and events
  // but no text; the gist rule is tuned for precision (merging two stories hides an alert) and
  // finds only a part of them (enrich/README.md). The recall floors are the measured figures less
  // a margin.
  static final double CLUSTER_PRECISION_FLOOR = 0.98;
  static final double CLUSTER_RECALL_FLOOR = 0.80;
  static final double CROSS_LANGUAGE_JOIN_PRECISION_FLOOR = 0.98;
  static final double CROSS_LANGUAGE_RECALL_FLOOR = 0.74;
  static final double CROSS_LANGUAGE_HOLDOUT_RECALL_FLOOR = 0.52;

  record Labelled(
      String id,
      String split,
      String lang,
      String kind,
      String group,
      boolean relevant,
      String event,
      String title,
      String body) {}

  record Judged(Labelled story, Analysis analysis, OfflineDeduplicator.Verdict verdict) {

    String event() {
      return analysis.events().isEmpty() ? null : analysis.events().get(0).type();
    }
  }

  static List<Judged> judged;

  // The gist a story is judged by: of its lead, the title and the lede.
  private static StoryGist gist(Judged j) {
    return StoryGist.ofLead(
        new StoryText(j.story().title(), j.story().body(), null, null), j.analysis());
  }

  @BeforeAll
  static void judgeAll() throws IOException {
    StoryAnalyzer analyzer = new StoryAnalyzer(WatchProfile.russiaDprk());
    OfflineDeduplicator dedup = new OfflineDeduplicator(DedupSettings.defaults());
    judged = new ArrayList<>();
    for (Labelled s : load()) {
      StoryText story = new StoryText(s.title(), s.body(), null, null);
      Analysis a = analyzer.analyze(story);
      String text = s.title() + "\n" + s.body();
      OfflineDeduplicator.Verdict v =
          dedup.add(
              new OfflineDeduplicator.Story(
                  s.id(),
                  contentHash(s.title(), s.body()),
                  text,
                  a.language(),
                  StoryGist.ofLead(story, a)));
      judged.add(new Judged(s, a, v));
    }
  }

  @Test
  void shouldReachRelevanceF1Floor() {
    double f1 = report("all", j -> true);
    report("tune", j -> j.story().split().equals("tune"));
    double holdout = report("holdout", j -> j.story().split().equals("holdout"));
    for (String lang : List.of("en", "ru", "ko")) {
      report("lang=" + lang, j -> j.story().lang().equals(lang));
    }
    printMistakes();
    assertThat(f1).isGreaterThanOrEqualTo(RELEVANCE_F1_FLOOR);
    assertThat(holdout).as("holdout F1").isGreaterThanOrEqualTo(RELEVANCE_F1_FLOOR);
  }

  @Test
  void shouldReachEventAccuracyFloor() {
    double all = eventAccuracy("all", j -> true);
    eventAccuracy("tune", j -> j.story().split().equals("tune"));
    double holdout = eventAccuracy("holdout", j -> j.story().split().equals("holdout"));
    assertThat(all).isGreaterThanOrEqualTo(EVENT_ACCURACY_FLOOR);
    assertThat(holdout)
        .as("holdout event accuracy")
        .isGreaterThanOrEqualTo(EVENT_HOLDOUT_ACCURACY_FLOOR);
  }

  @Test
  void shouldTypeAndDirectMeetingsPledgesAndDeployments() throws IOException {
    // eval/events.jsonl: on-watch stories for the political event types and for the direction of
    // deployments (DPRK troops in Russia are PRK->RUS even when the text says what Russia gave
    // them). Kept apart from stories.jsonl so that the copy and cluster figures stay as they are.
    StoryAnalyzer analyzer = new StoryAnalyzer(WatchProfile.russiaDprk());
    ObjectMapper json = new ObjectMapper();
    List<String> lines;
    try (InputStream in = EvaluationTest.class.getResourceAsStream("/eval/events.jsonl")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    for (String split : List.of("tune", "holdout", "all")) {
      int n = 0;
      int right = 0;
      int directed = 0;
      int directedRight = 0;
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode s = json.readTree(line);
        if (!split.equals("all") && !split.equals(s.get("split").asText())) {
          continue;
        }
        Analysis a =
            analyzer.analyze(
                new StoryText(s.get("title").asText(), s.get("body").asText(), null, null));
        DetectedEventView main = DetectedEventView.of(a);
        n++;
        boolean typeRight = s.get("event").asText().equals(main.type());
        right += typeRight ? 1 : 0;
        boolean directionRight = true;
        if (!s.get("actors").isNull()) {
          directed++;
          directionRight = s.get("actors").asText().equals(main.actors());
          directedRight += directionRight ? 1 : 0;
        }
        if (split.equals("tune") && !(typeRight && directionRight)) {
          System.out.printf(
              "  EVENT %s gold %s %s got %s %s: %s%n",
              s.get("id").asText(),
              s.get("event").asText(),
              s.get("actors").asText(),
              main.type(),
              main.actors(),
              s.get("title").asText());
        }
      }
      double accuracy = n == 0 ? 1 : (double) right / n;
      double direction = directed == 0 ? 1 : (double) directedRight / directed;
      System.out.printf(
          Locale.ROOT,
          "event stories %-8s n=%2d type accuracy %.3f, direction %d/%d%n",
          split,
          n,
          accuracy,
          directedRight,
          directed);
      if (split.equals("all")) {
        assertThat(accuracy)
            .as("event stories type accuracy")
            .isGreaterThanOrEqualTo(EVENT_STORIES_ACCURACY_FLOOR);
        assertThat(direction).as("event stories direction").isEqualTo(1.0);
      }
    }
  }

  // The main event's type and actors as "PRK->RUS", null when the story has no event.
  record DetectedEventView(String type, String actors) {
    static DetectedEventView of(Analysis a) {
      if (a.events().isEmpty()) {
        return new DetectedEventView(null, null);
      }
      var e = a.events().get(0);
      return new DetectedEventView(
          e.type(),
          e.sourceActor() != null && e.targetActor() != null
              ? e.sourceActor() + "->" + e.targetActor()
              : e.sourceActor());
    }
  }

  @Test
  void shouldDetectLanguages() {
    long right =
        judged.stream().filter(j -> j.story().lang().equals(j.analysis().language())).count();
    double accuracy = (double) right / judged.size();
    System.out.printf(
        Locale.ROOT, "language accuracy %.3f (%d/%d)%n", accuracy, right, judged.size());
    assertThat(accuracy).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void shouldFindCopiesWithPrecisionAndRecall() {
    // Copies of a text (syndicated and lightly edited, same language) must be flagged as
    // duplicates of a story of their group; any story flagged as a copy of another group's story
    // is a false duplicate.
    Map<String, Labelled> byId = new HashMap<>();
    judged.forEach(j -> byId.put(j.story().id(), j.story()));
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (Judged j : judged) {
      Labelled s = j.story();
      String canonical = j.verdict().duplicateOf();
      boolean right =
          canonical != null && s.group() != null && s.group().equals(byId.get(canonical).group());
      if (right) {
        tp++;
      } else if (canonical != null) {
        fp++;
        if (!s.split().equals("tune")) {
          continue;
        }
        System.out.printf(
            "  FALSE COPY %s (%s) -> %s by %s %.2f: %s%n",
            s.id(), s.kind(), canonical, j.verdict().method(), j.verdict().score(), s.title());
      } else if (s.kind().equals("syndicated")) {
        fn++;
        if (!s.split().equals("tune")) {
          continue;
        }
        System.out.printf("  MISSED COPY %s (%s): %s%n", s.id(), s.group(), s.title());
      }
    }
    double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    System.out.printf(
        Locale.ROOT,
        "duplicates: precision %.3f recall %.3f (tp %d, fp %d, fn %d)%n",
        precision,
        recall,
        tp,
        fp,
        fn);
    assertThat(precision).isGreaterThanOrEqualTo(DUPLICATE_PRECISION_FLOOR);
    assertThat(recall).isGreaterThanOrEqualTo(DUPLICATE_RECALL_FLOOR);
  }

  @Test
  void shouldClusterReportsOfTheSameStory() {
    // Pairs of stories: predicted in one cluster versus labelled in one group (syndicated,
    // rewritten and translated copies alike).
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long crossTp = 0;
    long crossFn = 0;
    for (int a = 0; a < judged.size(); a++) {
      for (int b = a + 1; b < judged.size(); b++) {
        Judged x = judged.get(a);
        Judged y = judged.get(b);
        boolean gold = x.story().group() != null && x.story().group().equals(y.story().group());
        boolean predicted = x.verdict().clusterId().equals(y.verdict().clusterId());
        boolean cross = !x.story().lang().equals(y.story().lang());
        if (gold && predicted) {
          tp++;
          crossTp += cross ? 1 : 0;
        } else if (predicted) {
          fp++;
          if (!tuneOnly(x, y)) {
            continue;
          }
          System.out.printf(
              "  FALSE CLUSTER %s + %s: %s | %s%n",
              x.story().id(), y.story().id(), x.story().title(), y.story().title());
        } else if (gold) {
          fn++;
          crossFn += cross ? 1 : 0;
          if (System.getenv("EVAL_DEBUG") != null && cross && tuneOnly(x, y)) {
            System.out.printf(
                "  MISSED PAIR %s %s%n    %s%n    %s%n",
                x.story().id(), y.story().id(), gist(x), gist(y));
          }
        }
      }
    }
    double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    double crossRecall = crossTp + crossFn == 0 ? 1 : (double) crossTp / (crossTp + crossFn);
    System.out.printf(
        Locale.ROOT,
        "clusters (pairs): precision %.3f recall %.3f, across languages recall %.3f"
            + " (tp %d, fp %d, fn %d)%n",
        precision,
        recall,
        crossRecall,
        tp,
        fp,
        fn);
    double holdoutCrossRecall = 1;
    for (String split : List.of("tune", "holdout")) {
      // Groups never span the two splits: a pair of one split is a pair of two of its stories.
      long splitTp = 0;
      long splitFp = 0;
      long splitFn = 0;
      long found = 0;
      long all = 0;
      for (int a = 0; a < judged.size(); a++) {
        for (int b = a + 1; b < judged.size(); b++) {
          Labelled x = judged.get(a).story();
          Labelled y = judged.get(b).story();
          if (!x.split().equals(split) || !y.split().equals(split)) {
            continue;
          }
          boolean gold = x.group() != null && x.group().equals(y.group());
          boolean predicted =
              judged.get(a).verdict().clusterId().equals(judged.get(b).verdict().clusterId());
          splitTp += gold && predicted ? 1 : 0;
          splitFp += !gold && predicted ? 1 : 0;
          splitFn += gold && !predicted ? 1 : 0;
          if (gold && !x.lang().equals(y.lang())) {
            all++;
            found += predicted ? 1 : 0;
          }
        }
      }
      double splitRecall = all == 0 ? 1.0 : (double) found / all;
      System.out.printf(
          Locale.ROOT,
          "clusters (pairs) %s: precision %.3f recall %.3f; across languages recall %.3f"
              + " (%d of %d)%n",
          split,
          splitTp + splitFp == 0 ? 1.0 : (double) splitTp / (splitTp + splitFp),
          splitTp + splitFn == 0 ? 1.0 : (double) splitTp / (splitTp + splitFn),
          splitRecall,
          found,
          all);
      if (split.equals("holdout")) {
        holdoutCrossRecall = splitRecall;
      }
    }
    assertThat(precision).isGreaterThanOrEqualTo(CLUSTER_PRECISION_FLOOR);
    assertThat(recall).isGreaterThanOrEqualTo(CLUSTER_RECALL_FLOOR);
    assertThat(crossRecall).isGreaterThanOrEqualTo(CROSS_LANGUAGE_RECALL_FLOOR);
    assertThat(holdoutCrossRecall)
        .as("holdout cross-language recall")
        .isGreaterThanOrEqualTo(CROSS_LANGUAGE_HOLDOUT_RECALL_FLOOR);
  }

  // Mistakes are printed only when both stories are of the tune split.
  private static boolean tuneOnly(Judged x, Judged y) {
    return x.story().split().equals("tune") && y.story().split().equals("tune");
  }

  @Test
  void shouldJoinTranslatedReportsWithoutMergingDistinctStories() {
    // Each gist join (method TRANSLATION) puts a story in the cluster of an earlier story; it is
    // right when that cluster's first story is of the story's labelled group. A wrong join merges
    // two real-world stories: precision matters more than recall.
    Map<String, Labelled> byId = new HashMap<>();
    judged.forEach(j -> byId.put(j.story().id(), j.story()));
    double allCrossPrecision = 1;
    for (String split : List.of("all", "tune", "holdout")) {
      int joins = 0;
      int wrong = 0;
      int crossJoins = 0;
      int crossWrong = 0;
      for (Judged j : judged) {
        Labelled s = j.story();
        if (j.verdict().method() != dev.tocsin.schemas.DedupMethod.TRANSLATION
            || !(split.equals("all") || s.split().equals(split))) {
          continue;
        }
        Labelled root = byId.get(j.verdict().clusterId().substring("cl-".length()));
        boolean right = s.group() != null && s.group().equals(root.group());
        boolean cross = !s.lang().equals(root.lang());
        joins++;
        crossJoins += cross ? 1 : 0;
        if (!right) {
          wrong++;
          crossWrong += cross ? 1 : 0;
          // Only the tune split's mistakes are printed, never one that involves a holdout story.
          if (s.split().equals("tune") && root.split().equals("tune")) {
            System.out.printf(
                Locale.ROOT,
                "  FALSE JOIN %s (%s) -> %s (%s) %.2f: %s | %s%n",
                s.id(),
                s.group(),
                root.id(),
                root.group(),
                j.verdict().score(),
                s.title(),
                root.title());
          }
        }
      }
      double precision = joins == 0 ? 1 : 1 - (double) wrong / joins;
      double crossPrecision = crossJoins == 0 ? 1 : 1 - (double) crossWrong / crossJoins;
      System.out.printf(
          Locale.ROOT,
          "gist joins %-8s %d, precision %.3f (false joins %d);"
              + " across languages %d, precision %.3f (false %d)%n",
          split,
          joins,
          precision,
          wrong,
          crossJoins,
          crossPrecision,
          crossWrong);
      if (split.equals("all")) {
        allCrossPrecision = crossPrecision;
      }
    }
    assertThat(allCrossPrecision)
        .as("cross-language join precision")
        .isGreaterThanOrEqualTo(CROSS_LANGUAGE_JOIN_PRECISION_FLOOR);
  }

  @Test
  void shouldPrintGroupGistsWhenDebugging() {
    // EVAL_DEBUG=gists prints the gist of every story of each tune-split group (never the holdout).
    if ("dump".equals(System.getenv("EVAL_DEBUG"))) {
      dumpGists();
      return;
    }
    if (!"gists".equals(System.getenv("EVAL_DEBUG"))) {
      return;
    }
    Map<String, List<Judged>> groups = new java.util.TreeMap<>();
    for (Judged j : judged) {
      if (j.story().group() != null && j.story().split().equals("tune")) {
        groups.computeIfAbsent(j.story().group(), g -> new ArrayList<>()).add(j);
      }
    }
    groups.forEach(
        (g, members) -> {
          System.out.println("GROUP " + g);
          for (Judged j : members) {
            System.out.printf(
                "  %s %s %s %s%n    %s%n",
                j.story().id(),
                j.story().lang(),
                j.verdict().clusterId(),
                j.story().title(),
                gist(j));
          }
        });
  }

  private static void dumpGists() {
    try (java.io.PrintWriter out =
        new java.io.PrintWriter("target/eval-gists.tsv", StandardCharsets.UTF_8)) {
      for (Judged j : judged) {
        StoryGist g = gist(j);
        out.println(
            String.join(
                "\t",
                j.story().id(),
                j.story().split(),
                j.story().lang(),
                String.valueOf(j.story().group()),
                j.story().kind(),
                String.join(
                    ",",
                    j.analysis().mentions().stream().map(m -> m.entityId()).distinct().toList()),
                String.join(",", g.numbers()),
                String.join(",", g.events()),
                String.join(",", g.concepts()),
                j.verdict().clusterId(),
                String.valueOf(j.verdict().duplicateOf()),
                String.valueOf(j.verdict().method()),
                String.valueOf(j.verdict().score())));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldPrintSimilarityCalibration() {
    // For every pair of stories of the tune split: MinHash estimate (same language) and gist
    // similarity, split by whether the two are copies of one another. Printed as the highest
    // non-copy similarities and the copy similarities' distribution, to choose the thresholds
    // documented in enrich/README.md.
    dev.tocsin.enrich.dedup.MinHash minHash =
        new dev.tocsin.enrich.dedup.MinHash(128, DedupSettings.MINHASH_SEED);
    List<int[]> sigs = new ArrayList<>();
    List<StoryGist> gists = new ArrayList<>();
    for (Judged j : judged) {
      String text = j.story().title() + "\n" + j.story().body();
      sigs.add(minHash.signature(text));
      gists.add(gist(j));
    }
    List<Double> copyMin = new ArrayList<>();
    List<Double> otherMin = new ArrayList<>();
    List<Double> copyGist = new ArrayList<>();
    List<Double> otherGist = new ArrayList<>();
    List<double[]> pairs = new ArrayList<>();
    for (int a = 0; a < judged.size(); a++) {
      for (int b = a + 1; b < judged.size(); b++) {
        Labelled x = judged.get(a).story();
        Labelled y = judged.get(b).story();
        if (!x.split().equals("tune") || !y.split().equals("tune")) {
          continue;
        }
        boolean copy = x.group() != null && x.group().equals(y.group());
        if (x.lang().equals(y.lang())) {
          (copy ? copyMin : otherMin)
              .add(dev.tocsin.enrich.dedup.MinHash.similarity(sigs.get(a), sigs.get(b)));
        }
        double g = StoryGist.similarity(gists.get(a), gists.get(b));
        (copy ? copyGist : otherGist).add(g);
        pairs.add(
            new double[] {
              copy ? 1 : 0,
              g,
              StoryGist.sharedWeight(gists.get(a), gists.get(b)),
              StoryGist.sharedNumbers(gists.get(a), gists.get(b)),
              gists.get(a).numbers().isEmpty() || gists.get(b).numbers().isEmpty() ? 0 : 1
            });
      }
    }
    for (double t : new double[] {0.5, 0.6, 0.7, 0.8}) {
      for (int shared = 5; shared <= 8; shared++) {
        int tp = 0;
        int fp = 0;
        int pos = 0;
        for (double[] p : pairs) {
          pos += (int) p[0];
          boolean conflict = p[4] == 1 && p[3] == 0;
          if (p[1] >= t && p[2] >= shared && !conflict) {
            if (p[0] == 1) {
              tp++;
            } else {
              fp++;
            }
          }
        }
        System.out.printf(
            Locale.ROOT,
            "gist t=%.1f shared weight>=%d: tp %d fp %d of %d%n",
            t,
            shared,
            tp,
            fp,
            pos);
      }
    }
    System.out.println("minhash copies " + quantiles(copyMin) + " others " + quantiles(otherMin));
    System.out.println("gist    copies " + quantiles(copyGist) + " others " + quantiles(otherGist));
  }

  private static String quantiles(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    StringBuilder out = new StringBuilder("n=" + sorted.size());
    for (double q : new double[] {0, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999, 1}) {
      int i = (int) Math.min(sorted.size() - 1, Math.floor(q * (sorted.size() - 1)));
      out.append(String.format(Locale.ROOT, " q%s=%.2f", q, sorted.isEmpty() ? 0 : sorted.get(i)));
    }
    return out.toString();
  }

  private static double report(String name, Predicate<Judged> filter) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int n = 0;
    for (Judged j : judged) {
      if (!filter.test(j)) {
        continue;
      }
      n++;
      boolean predicted = j.analysis().relevance().relevant();
      if (predicted && j.story().relevant()) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (j.story().relevant()) {
        fn++;
      }
    }
    double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    double r = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
    System.out.printf(
        Locale.ROOT,
        "relevance %-8s n=%3d precision %.3f recall %.3f F1 %.3f%n",
        name,
        n,
        p,
        r,
        f1);
    return f1;
  }

  private static double eventAccuracy(String name, Predicate<Judged> filter) {
    int right = 0;
    int n = 0;
    for (Judged j : judged) {
      if (!filter.test(j) || !j.story().relevant()) {
        continue;
      }
      n++;
      if (j.story().event().equals(j.event())) {
        right++;
      } else if (name.equals("tune")) {
        System.out.printf(
            "  EVENT %s gold %s got %s: %s%n",
            j.story().id(), j.story().event(), j.event(), j.story().title());
      }
    }
    double accuracy = n == 0 ? 1 : (double) right / n;
    System.out.printf(Locale.ROOT, "event type %-8s n=%3d accuracy %.3f%n", name, n, accuracy);
    return accuracy;
  }

  // Only the tune split's mistakes are printed: the holdout split is not looked at while tuning.
  private static void printMistakes() {
    for (Judged j : judged) {
      if (!j.story().split().equals("tune")
          || j.analysis().relevance().relevant() == j.story().relevant()) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "  %s %s %.2f %s | %s%n",
          j.story().relevant() ? "MISSED" : "FALSE",
          j.story().id(),
          j.analysis().relevance().score(),
          j.story().title(),
          j.analysis().relevance().reasons());
    }
  }

  static List<Labelled> load() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Labelled> out = new ArrayList<>();
    try (InputStream in = EvaluationTest.class.getResourceAsStream("/eval/stories.jsonl");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        out.add(
            new Labelled(
                n.get("id").asText(),
                n.get("split").asText(),
                n.get("lang").asText(),
                n.get("kind").asText(),
                n.get("group").isNull() ? null : n.get("group").asText(),
                n.get("relevant").asBoolean(),
                n.get("event").isNull() ? null : n.get("event").asText(),
                n.get("title").asText(),
                n.get("body").asText()));
      }
    }
    return out;
  }

  static String contentHash(String title, String body) {
    String normalized =
        (title + "\n" + body).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(normalized.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
