package dev.tocsin.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.relevance.Figures;
import dev.tocsin.enrich.relevance.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks a profile's relevance verdicts against a labelled JSON-lines file (the news corpus's
 * fields: {@code title}, {@code summary} or {@code body}, {@code lang}, {@code label} 0/1 or {@code
 * relevant} true/false): precision, recall and F1 per language and overall, and every misclassified
 * story with its reasons.
 */
final class LabelledCheck {

  /** A labelled file that cannot be read: the message names the file and line. */
  static final class InvalidFileException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidFileException(String message) {
      super(message);
    }
  }

  /** One labelled story and its line in the file. */
  record Labelled(int line, String title, String summary, String body, String lang, boolean on) {}

  private LabelledCheck() {}

  /** Returns true when {@code file} is read as labelled JSON lines rather than YAML cases. */
  static boolean isJsonLines(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson");
  }

  /** Reads every story of the file, failing on the first bad line with its number. */
  static List<Labelled> read(Path file) throws InvalidFileException {
    ObjectMapper json = new ObjectMapper();
    List<Labelled> stories = new ArrayList<>();
    int number = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (JsonProcessingException e) {
          throw new InvalidFileException(
              file + ":" + number + ": not valid JSON: " + e.getOriginalMessage());
        }
        stories.add(story(file, number, node));
      }
    } catch (NoSuchFileException e) {
      throw new InvalidFileException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidFileException(file + ": cannot be read: " + e.getMessage());
    }
    if (stories.isEmpty()) {
      throw new InvalidFileException(file + ": no stories");
    }
    return stories;
  }

  private static Labelled story(Path file, int number, JsonNode node) throws InvalidFileException {
    String where = file + ":" + number + ": ";
    if (node == null || !node.isObject()) {
      throw new InvalidFileException(where + "not a JSON object");
    }
    String title = text(node, "title");
    if (title == null || title.isBlank()) {
      throw new InvalidFileException(where + "\"title\" is missing");
    }
    JsonNode label = node.get("label");
    JsonNode relevant = node.get("relevant");
    boolean on;
    if (label != null && label.isInt() && (label.asInt() == 0 || label.asInt() == 1)) {
      on = label.asInt() == 1;
    } else if (label == null && relevant != null && relevant.isBoolean()) {
      on = relevant.asBoolean();
    } else {
      throw new InvalidFileException(
          where + "needs \"label\" (0 or 1) or \"relevant\" (true or false)");
    }
    return new Labelled(
        number, title, text(node, "summary"), text(node, "body"), text(node, "lang"), on);
  }

  /** Judges every story, prints the figures and the mistakes, and returns the overall figures. */
  static Figures run(WatchProfile profile, List<Labelled> stories, PrintWriter out) {
    StoryAnalyzer analyzer = new StoryAnalyzer(profile);
    Map<String, Figures> byLanguage = new TreeMap<>();
    Figures all = Figures.NONE;
    List<String> mistakes = new ArrayList<>();
    for (Labelled s : stories) {
      Analysis a = analyzer.analyze(new StoryText(s.title(), s.summary(), s.body(), s.lang()));
      boolean predicted = a.relevance().relevant();
      String lang = s.lang() != null ? s.lang() : a.language() != null ? a.language() : "?";
      byLanguage.merge(lang, Figures.NONE.plus(predicted, s.on()), Figures::plus);
      all = all.plus(predicted, s.on());
      if (predicted != s.on()) {
        mistakes.add(
            String.format(
                Locale.ROOT,
                "    line %d %s %s %.2f: %s%n      reasons: %s%n",
                s.line(),
                s.on() ? "MISSED" : "FALSE",
                lang,
                a.relevance().score(),
                s.title(),
                reasons(a)));
      }
    }
    out.printf(
        Locale.ROOT,
        "  %-5s %5s %4s %4s %4s %9s %6s %5s%n",
        "lang",
        "n",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "F1");
    byLanguage.forEach((lang, f) -> row(out, lang, f));
    row(out, "all", all);
    if (mistakes.isEmpty()) {
      out.printf("  no misclassified stories%n");
    } else {
      out.printf("  misclassified (%d):%n", mistakes.size());
      mistakes.forEach(out::print);
    }
    return all;
  }

  private static void row(PrintWriter out, String name, Figures f) {
    out.printf(
        Locale.ROOT,
        "  %-5s %5d %4d %4d %4d %9.3f %6.3f %5.3f%n",
        name,
        f.n(),
        f.tp(),
        f.fp(),
        f.fn(),
        f.precision(),
        f.recall(),
        f.f1());
  }

  private static String reasons(Analysis a) {
    if (a.relevance().reasons().isEmpty()) {
      return "none";
    }
    return a.relevance().reasons().stream()
        .map(LabelledCheck::reason)
        .collect(Collectors.joining("; "));
  }

  private static String reason(Reason r) {
    return String.format(Locale.ROOT, "%s(%s) %+.2f", r.code(), r.detail(), r.weight());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
