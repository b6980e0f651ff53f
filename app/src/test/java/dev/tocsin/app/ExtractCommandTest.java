package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExtractCommandTest {

  @TempDir Path dir;

  @Test
  void shouldPrintTitleThenTextOfAFileDecodedByItsMetaCharset() throws IOException {
    Path page = dir.resolve("page.html");
    Files.write(page, FeedsParseCommandTest.fixture("page.html"));

    StringWriter out = new StringWriter();
    int code = run(out, new StringWriter(), "extract", page.toString());

    assertThat(code).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).isEqualTo("Переговоры возобновились");
    assertThat(lines[1]).isEmpty();
    assertThat(out.toString())
        .contains("Делегации двух стран встретились во вторник")
        .contains("совместного комитета.")
        .doesNotContain("Политика")
        .doesNotContain("Все права защищены");
  }

  @Test
  void shouldFetchAUrlAndHonourTheHttpCharset() throws IOException {
    try (LoopbackServer server =
        new LoopbackServer(
            Map.of(
                "/article",
                new LoopbackServer.Document(
                    "text/html; charset=windows-1251",
                    FeedsParseCommandTest.fixture("page.html"))))) {
      StringWriter out = new StringWriter();

      int code = run(out, new StringWriter(), "extract", server.uri("/article").toString());

      assertThat(code).isZero();
      assertThat(out.toString()).startsWith("Переговоры возобновились\n\nДелегации");
    }
  }

  @Test
  void shouldFailReadablyWhenTheInputIsMissing() {
    StringWriter err = new StringWriter();

    int code = run(new StringWriter(), err, "extract", dir.resolve("nope.html").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("nope.html").contains("no such file");
  }

  @Test
  void shouldReadTheCharsetOfAContentType() {
    assertThat(dev.tocsin.ingest.extract.ArticleFetcher.charset("text/html; charset=\"UTF-8\""))
        .isEqualTo("UTF-8");
    assertThat(
            dev.tocsin.ingest.extract.ArticleFetcher.charset("text/html; charset=no-such-charset"))
        .isNull();
    assertThat(dev.tocsin.ingest.extract.ArticleFetcher.charset("text/html")).isNull();
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }
}
