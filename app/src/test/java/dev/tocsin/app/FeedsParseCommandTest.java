package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.ingest.identity.StoryIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FeedsParseCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void shouldPrintOneJsonLinePerFileWithCleanItemsAndUtcDates() throws IOException {
    Path feed = dir.resolve("wire.rss.xml");
    Files.write(feed, fixture("wire.rss.xml"));

    Run run = run("feeds", "parse", feed.toString());

    assertThat(run.code).isZero();
    assertThat(run.lines).hasSize(1);
    JsonNode line = run.lines.get(0);
    assertThat(line.get("source").asText()).isEqualTo(feed.toString());
    assertThat(line.get("ok").asBoolean()).isTrue();
    assertThat(line.has("error")).isFalse();
    assertThat(line.get("format").asText()).isEqualTo("rss_2.0");
    assertThat(line.get("title").asText()).isEqualTo("Test Wire & Cable");
    JsonNode first = line.get("items").get(0);
    assertThat(first.get("title").asText()).isEqualTo("Ministers meet in Pyongyang");
    assertThat(first.get("guid").asText()).isEqualTo("wire-1");
    assertThat(first.get("link").asText())
        .isEqualTo("https://wire.example/story/1?utm_source=rss#top");
    assertThat(first.get("canonicalUrl").asText()).isEqualTo("https://wire.example/story/1");
    assertThat(first.get("id").asText())
        .isEqualTo(StoryIds.of("https://wire.example/story/1", null, "unused", null, null));
    assertThat(first.get("summary").asText()).isEqualTo("Talks on defence cooperation.");
    assertThat(first.get("published").asText()).isEqualTo("2019-11-19T05:30:00Z");
    assertThat(first.get("author").asText()).contains("desk@wire.example");
    assertThat(first.get("language").asText()).isEqualTo("en");

    JsonNode second = line.get("items").get(1);
    assertThat(second.get("link").isNull()).isTrue();
    assertThat(second.get("published").isNull()).isTrue();
    assertThat(second.get("id").asText())
        .isEqualTo(StoryIds.of(null, "wire-2", feed.toUri().toString(), null, null));
  }

  @Test
  void shouldReadUrlsAndReportEachFailureOnItsOwnLine() throws IOException {
    Path html = dir.resolve("error.html");
    Files.writeString(html, "<html><body><h1>502 Bad Gateway</h1></body></html>");
    try (LoopbackServer server =
        new LoopbackServer(
            Map.of(
                "/feed",
                new LoopbackServer.Document(
                    "application/rss+xml; charset=utf-8", fixture("wire.rss.xml"))))) {
      String url = server.uri("/feed").toString();
      String missing = server.uri("/gone").toString();

      Run run =
          run(
              "feeds",
              "parse",
              url,
              html.toString(),
              missing,
              dir.resolve("absent.xml").toString());

      assertThat(run.code).isEqualTo(1);
      assertThat(run.lines).hasSize(4);
      assertThat(run.lines.get(0).get("ok").asBoolean()).isTrue();
      assertThat(run.lines.get(0).get("source").asText()).isEqualTo(url);
      assertThat(run.lines.get(0).get("items")).hasSize(2);
      assertThat(run.lines.get(0).get("items").get(1).get("id").asText())
          .isEqualTo(StoryIds.of(null, "wire-2", url, null, null));
      for (JsonNode failed : run.lines.subList(1, 4)) {
        assertThat(failed.get("ok").asBoolean()).isFalse();
        assertThat(failed.get("error").asText()).isNotBlank();
        assertThat(failed.get("items")).isEmpty();
      }
      assertThat(run.lines.get(1).get("error").asText()).contains("not a feed");
      assertThat(run.lines.get(2).get("error").asText()).contains("404");
      assertThat(run.lines.get(3).get("error").asText()).contains("no such file");
    }
  }

  @Test
  void shouldPrintLinesInTheOrderGivenWhenParsingOnSeveralThreads() throws IOException {
    List<String> args = new ArrayList<>(List.of("feeds", "parse", "--threads", "3"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Path file = dir.resolve("feed-" + i + ".xml");
      if (i % 7 == 3) {
        Files.writeString(file, "<html><body>not a feed</body></html>");
      } else {
        Files.writeString(file, rss("Feed " + i, i % 5 + 1));
      }
      args.add(file.toString());
      expected.add(file.toString());
    }

    Run run = run(args.toArray(String[]::new));

    assertThat(run.code).isEqualTo(1);
    assertThat(run.lines).extracting(line -> line.get("source").asText()).isEqualTo(expected);
    for (int i = 0; i < 40; i++) {
      JsonNode line = run.lines.get(i);
      assertThat(line.get("ok").asBoolean()).isEqualTo(i % 7 != 3);
      if (i % 7 != 3) {
        assertThat(line.get("title").asText()).isEqualTo("Feed " + i);
        assertThat(line.get("items")).hasSize(i % 5 + 1);
      }
    }
  }

  @Test
  void shouldRejectFewerThanOneThread() {
    Run run = run("feeds", "parse", "--threads", "0", "absent.xml");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.lines).isEmpty();
  }

  private static String rss(String title, int items) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>")
            .append(title)
            .append("</title><link>https://feeds.example/</link>");
    for (int i = 0; i < items; i++) {
      xml.append("<item><title>Story ")
          .append(i)
          .append("</title><link>https://feeds.example/")
          .append(title.replace(' ', '-'))
          .append('/')
          .append(i)
          .append("</link></item>");
    }
    return xml.append("</channel></rss>").toString();
  }

  @Test
  void shouldPrintEveryLineOnceWhenTheWindowOfInputsInFlightFillsAndEmpties() throws IOException {
    int files = 2 * FeedsParseCommand.WINDOW_PER_THREAD + 5;
    List<String> args = new ArrayList<>(List.of("feeds", "parse", "--threads", "2"));
    for (int i = 0; i < files; i++) {
      Path file = dir.resolve("window-" + i + ".xml");
      Files.writeString(file, rss("Window " + i, 1));
      args.add(file.toString());
    }

    Run run = run(args.toArray(String[]::new));

    assertThat(run.code).isZero();
    assertThat(run.lines)
        .extracting(line -> line.get("title").asText())
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, files).mapToObj(i -> "Window " + i).toList());
  }

  @Test
  void shouldListParseUnderFeedsHelp() {
    Run run = run("feeds", "--help");

    assertThat(run.code).isZero();
    assertThat(run.out).contains("parse");
  }

  private record Run(int code, String out, List<JsonNode> lines) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine(args);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int code = cli.execute(args);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (line.startsWith("{")) {
        try {
          lines.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new AssertionError("not JSON: " + line, e);
        }
      }
    }
    return new Run(code, out.toString(), lines);
  }

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = FeedsParseCommandTest.class.getResourceAsStream("/tools/" + name)) {
      return in.readAllBytes();
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
