package dev.tocsin.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.ingest.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Scores {@link ArticleExtractor} on the scrapinghub article-extraction benchmark, beside the
 * published extractors whose outputs the benchmark ships.
 */
final class ExtractionBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The name of our row in the report. */
  static final String OURS = "tocsin";

  /** The two splits of the pages: tuning looks at the first only. */
  enum Split {
    TUNE,
    HOLDOUT
  }

  /** One page's outcome for our extractor. */
  record Page(String id, String url, ShingleScore.Counts counts) {

    Split split() {
      return split(id);
    }

    /**
     * Returns the page's split, fixed by a hash of its id before any error was looked at: a third
     * of the pages (the SHA-256 of the id, first byte modulo 3 equal to 0) are held out.
     */
    static Split split(String id) {
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        return (hash[0] & 0xFF) % 3 == 0 ? Split.HOLDOUT : Split.TUNE;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Our per-page outcomes and every system's metrics, ours first. */
  record Report(List<Page> pages, Map<String, ShingleScore.Metrics> metrics) {

    /** Our metrics on one split. */
    ShingleScore.Metrics ours(Split split) {
      return ShingleScore.metrics(
          pages.stream().filter(p -> p.split() == split).map(Page::counts).toList());
    }

    String table() {
      StringBuilder out = new StringBuilder();
      out.append(String.format("%-16s %9s %9s %9s%n", "extractor", "precision", "recall", "F1"));
      for (Split split : Split.values()) {
        ShingleScore.Metrics m = ours(split);
        long n = pages.stream().filter(p -> p.split() == split).count();
        out.append(
            String.format(
                "%-16s %9.3f %9.3f %9.3f%n",
                OURS + " " + split.name().toLowerCase(Locale.ROOT) + " " + n,
                m.precision(),
                m.recall(),
                m.f1()));
      }
      metrics.forEach(
          (name, m) ->
              out.append(
                  String.format(
                      "%-16s %9.3f %9.3f %9.3f%n", name, m.precision(), m.recall(), m.f1())));
      return out.toString();
    }
  }

  private ExtractionBenchmark() {}

  static Report run(Path dir) throws IOException {
    JsonNode truth = JSON.readTree(dir.resolve("ground-truth.json").toFile());
    ArticleExtractor extractor = new ArticleExtractor();
    List<Page> pages = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = truth.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String id = entry.getKey();
      String url = entry.getValue().path("url").asText(null);
      String html = gunzip(dir.resolve("html").resolve(id + ".html.gz"));
      ExtractedArticle article = extractor.extract(html, url == null ? null : URI.create(url));
      pages.add(
          new Page(
              id,
              url,
              ShingleScore.compare(
                  entry.getValue().path("articleBody").asText(""), article.text())));
    }
    Map<String, ShingleScore.Metrics> metrics = new LinkedHashMap<>();
    metrics.put(OURS, ShingleScore.metrics(pages.stream().map(Page::counts).toList()));
    try (Stream<Path> outputs = Files.list(dir.resolve("output"))) {
      for (Path output : outputs.sorted().toList()) {
        String name = output.getFileName().toString().replaceFirst("\\.json$", "");
        metrics.put(name, scoreOutput(truth, output));
      }
    }
    return new Report(pages, metrics);
  }

  private static ShingleScore.Metrics scoreOutput(JsonNode truth, Path output) throws IOException {
    JsonNode predictions = JSON.readTree(output.toFile());
    if (predictions.has("output") && predictions.has("version")) {
      predictions = predictions.get("output");
    }
    List<ShingleScore.Counts> counts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = truth.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      counts.add(
          ShingleScore.compare(
              entry.getValue().path("articleBody").asText(""),
              predictions.path(entry.getKey()).path("articleBody").asText("")));
    }
    return ShingleScore.metrics(counts);
  }

  static String gunzip(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  /** Prints the report, and with {@code -v} the worst pages; for tuning by hand. */
  public static void main(String[] args) throws IOException {
    Path dir =
        Corpora.find("extraction/scrapinghub")
            .orElseThrow(() -> new IllegalStateException("corpus not found"));
    if (args.length > 1 && args[0].equals("-d")) {
      explain(dir, args[1]);
      return;
    }
    Report report = run(dir);
    if (args.length > 0 && args[0].equals("-v")) {
      report.pages().stream()
          .filter(p -> p.split() == Split.TUNE) // the held-out pages are never looked at
          .sorted((a, b) -> Double.compare(f1(a.counts()), f1(b.counts())))
          .limit(25)
          .forEach(
              p ->
                  System.out.printf(
                      "%.2f p=%.2f r=%.2f %s %s%n",
                      f1(p.counts()),
                      p.counts().precision(),
                      p.counts().recall(),
                      p.id().substring(0, 12),
                      p.url()));
    }
    System.out.print(report.table());
  }

  /**
   * Prints a tune page's extracted paragraphs, each marked '+' when its words are in the expected
   * body and '-' when not, then the expected body's paragraphs we missed.
   */
  private static void explain(Path dir, String prefix) throws IOException {
    JsonNode truth = JSON.readTree(dir.resolve("ground-truth.json").toFile());
    for (Iterator<Map.Entry<String, JsonNode>> it = truth.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getKey().startsWith(prefix) || Page.split(entry.getKey()) != Split.TUNE) {
        continue;
      }
      String expected = entry.getValue().path("articleBody").asText("");
      String html = gunzip(dir.resolve("html").resolve(entry.getKey() + ".html.gz"));
      ExtractedArticle article =
          new ArticleExtractor().extract(html, URI.create(entry.getValue().path("url").asText()));
      String norm = expected.replaceAll("\\s+", " ");
      System.out.println("source " + article.source() + ", title " + article.title());
      for (String paragraph : article.paragraphs()) {
        String p = paragraph.replaceAll("\\s+", " ");
        String probe = p.length() > 60 ? p.substring(0, 60) : p;
        System.out.println((norm.contains(probe) ? "+ " : "- ") + abbreviate(p));
      }
      String got = article.text().replaceAll("\\s+", " ");
      for (String paragraph : expected.split("\n")) {
        String p = paragraph.strip().replaceAll("\\s+", " ");
        String probe = p.length() > 60 ? p.substring(0, 60) : p;
        if (!p.isEmpty() && !got.contains(probe)) {
          System.out.println("MISSED " + abbreviate(p));
        }
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 150 ? s.substring(0, 150) + "..." : s;
  }

  private static double f1(ShingleScore.Counts c) {
    double p = c.precision();
    double r = c.recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
}
