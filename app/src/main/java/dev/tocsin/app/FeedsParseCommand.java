package dev.tocsin.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.ingest.feed.FeedParseException;
import dev.tocsin.ingest.feed.FeedParser;
import dev.tocsin.ingest.feed.ParsedFeed;
import dev.tocsin.ingest.feed.ParsedItem;
import dev.tocsin.ingest.identity.CanonicalUrl;
import dev.tocsin.ingest.identity.StoryIds;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Parses feed files or URLs and prints one JSON object per input on its own line, so the output
 * works with {@code jq} and line-oriented tools.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parse feed files or URLs; print one JSON object per input on its own line:",
      "{\"source\",\"ok\",\"error\" (when not ok),\"format\",\"title\",\"items\":[{\"id\",\"guid\","
          + "\"link\",\"canonicalUrl\",\"title\",\"summary\",\"published\",\"author\","
          + "\"language\"}]}",
      "Exits with 1 when any input failed."
    })
final class FeedsParseCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Feed files or http(s) URLs.")
  List<String> sources;

  @Spec CommandSpec spec;

  private final SourceReader reader;
  private final FeedParser parser = new FeedParser();

  FeedsParseCommand() {
    this(SourceReader.defaults());
  }

  FeedsParseCommand(SourceReader reader) {
    this.reader = reader;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    boolean allOk = true;
    for (String source : sources) {
      ObjectNode line = parse(source);
      allOk &= line.get("ok").asBoolean();
      out.println(JSON.writeValueAsString(line));
      out.flush();
    }
    return allOk ? 0 : 1;
  }

  ObjectNode parse(String source) {
    ObjectNode line = JSON.createObjectNode();
    line.put("source", source);
    ParsedFeed feed;
    SourceReader.Source input;
    try {
      input = reader.read(source);
      feed = parser.parse(input.body(), input.contentType(), input.uri());
    } catch (IOException | FeedParseException e) {
      line.put("ok", false);
      line.put("error", e.getMessage());
      line.putNull("format");
      line.putNull("title");
      line.putArray("items");
      return line;
    }
    line.put("ok", true);
    line.put("format", feed.format());
    line.put("title", feed.title());
    ArrayNode items = line.putArray("items");
    String feedUrl = input.uri().toString();
    for (ParsedItem item : feed.items()) {
      String canonical = item.link() == null ? null : CanonicalUrl.of(item.link()).orElse(null);
      String text =
          item.content() != null ? item.content() : item.summary() == null ? "" : item.summary();
      ObjectNode json = items.addObject();
      json.put("id", StoryIds.of(canonical, item.guid(), feedUrl, item.title(), text));
      json.put("guid", item.guid());
      json.put("link", item.link());
      json.put("canonicalUrl", canonical);
      json.put("title", item.title());
      json.put("summary", item.summary());
      json.put("published", item.published() == null ? null : item.published().toString());
      json.put("author", item.author());
      json.put("language", item.language() != null ? item.language() : feed.language());
    }
    return line;
  }
}
