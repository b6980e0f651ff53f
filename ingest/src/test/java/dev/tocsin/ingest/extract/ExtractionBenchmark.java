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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** One page's outcome for our extractor. */
  record Page(String id, String url, ShingleScore.Counts counts) {}

  /** Our per-page outcomes and every system's metrics, ours first. */
  record Report(List<Page> pages, Map<String, ShingleScore.Metrics> metrics) {

    String table() {
      StringBuilder out = new StringBuilder();
      out.append(String.format("%-16s %9s %9s %9s%n", "extractor", "precision", "recall", "F1"));
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
    Report report = run(dir);
    if (args.length > 0 && args[0].equals("-v")) {
      report.pages().stream()
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

  private static double f1(ShingleScore.Counts c) {
    double p = c.precision();
    double r = c.recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
}
