package dev.tocsin.ingest.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints, for each feed file named on stdin (one path per line), one JSON line with what {@link
 * FeedParser} makes of it: the feed's title and link and the first item's title, link, id, date,
 * author and text; for {@code bench/parse-vs-feedparser.sh --agreement}, not a test. Each file is
 * parsed as fetched from {@link FeedAgreement#documentUri(String)}, as feedparser is told.
 */
public final class FirstItemDump {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FirstItemDump() {}

  /** Reads paths relative to the corpora folder given as the first argument. */
  public static void main(String[] args) throws IOException {
    Path corpora = Path.of(args[0]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          out.println(
              JSON.writeValueAsString(dump(line, Files.readAllBytes(corpora.resolve(line)))));
        }
      }
    }
    out.flush();
  }

  static ObjectNode dump(String name, byte[] body) {
    ObjectNode node = JSON.createObjectNode().put("file", name);
    FeedAgreement.Ours ours = FeedAgreement.ours(name, body);
    if (ours.error() != null) {
      return node.put("error", ours.error());
    }
    node.put("feed_title", ours.feed().title()).put("feed_link", ours.feed().link());
    node.put("n_entries", ours.feed().items().size());
    if (!ours.feed().items().isEmpty()) {
      ParsedItem item = ours.feed().items().get(0);
      node.put("title", item.title()).put("link", item.link()).put("id", item.guid());
      node.put("date", item.published() == null ? null : item.published().toString());
      node.put("author", item.author());
      node.put("content", item.content() != null ? item.content() : item.summary());
    }
    return node;
  }
}
