package dev.tocsin.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin analyze}: judges stories from a JSON-lines file, offline, in file order. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyzes stories offline with the same code as the enrich service: language, entities,"
          + " relevance, events, duplicates and clusters.",
      "Reads JSON lines {\"id\"?,\"url\"?,\"source\"?,\"title\",\"body\"?,\"published\"?};"
          + " prints one JSON line per story, in file order."
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--profile",
      defaultValue = "russia-dprk",
      description = "Bundled profile name or profile YAML file (default: ${DEFAULT-VALUE}).")
  String profile;

  @Parameters(paramLabel = "FILE.jsonl", description = "Stories, one JSON object per line.")
  Path file;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StoryJudge judge = new StoryJudge(StoryJudge.profile(profile), file.toUri().toString());
    ObjectMapper json = new ObjectMapper();
    int bad = 0;
    int lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        StoryJudge.Input story;
        try {
          story = input(json.readTree(line));
        } catch (JsonProcessingException | IllegalArgumentException e) {
          bad++;
          err.printf("%s:%d: skipped: %s%n", file, lineNumber, message(e));
          continue;
        }
        out.println(json.writeValueAsString(StoryJudge.toJson(json, judge.judge(story))));
      }
    }
    out.flush();
    return bad == 0 ? 0 : 1;
  }

  static StoryJudge.Input input(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String title = text(node, "title");
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("\"title\" is missing");
    }
    return new StoryJudge.Input(
        text(node, "id"),
        text(node, "url"),
        text(node, "source"),
        title,
        text(node, "body"),
        published(text(node, "published")));
  }

  // ISO-8601 with an offset ("2024-11-05T08:00:00Z", "2024-11-05T17:00:00+09:00").
  static Instant published(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "\"published\" is not an ISO-8601 time with offset: '" + value + "'", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String message(Exception e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
