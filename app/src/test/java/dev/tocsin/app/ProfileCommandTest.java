package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProfileCommandTest {

  @TempDir Path dir;

  private int run(StringWriter out, String... args) {
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    return cli.execute(args);
  }

  @Test
  void shouldSucceedWhenEveryCaseMatches() throws Exception {
    StringWriter out = new StringWriter();

    int code =
        run(out, "profile", "test", AnalyzeCommandTest.resource("/offline/cases.yaml").toString());

    assertThat(out.toString()).contains("SUCCESS (3 cases)");
    assertThat(code).isZero();
  }

  @Test
  void shouldPassTheShippedExampleCasesWhenRunAgainstTheBundledProfile() throws Exception {
    Path cases = AnalyzeCommandTest.resource("/profiles/russia-dprk.cases.yaml");
    StringWriter out = new StringWriter();

    int code = run(out, "profile", "test", cases.toString());

    assertThat(out.toString()).contains("SUCCESS (9 cases)");
    assertThat(code).isZero();
  }

  @Test
  void shouldReportEachMismatchAndExitOneWhenACaseFails() throws Exception {
    Path cases = dir.resolve("cases.yaml");
    Files.writeString(
        cases,
        """
        cases:
          - name: sports fixture
            title: North Korea beats Russia 2-1 in women's football friendly
            body: North Korea's women's national team beat Russia 2-1 in a friendly match.
            expect:
              relevant: true
              entities: ["place:kursk"]
        """);
    StringWriter out = new StringWriter();

    int code = run(out, "profile", "test", cases.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAILED (1 of 1 cases)")
        .contains("case: sports fixture")
        .contains("relevant: expected true, got false")
        .contains("entities: missing [place:kursk]")
        .contains("signal:sports");
  }

  @Test
  void shouldExitTwoWhenTheFileIsInvalid() throws Exception {
    Path cases = dir.resolve("bad.yaml");
    Files.writeString(cases, "cases:\n  - name: no title\n    expect: {relevant: true}\n");
    StringWriter out = new StringWriter();

    int code = run(out, "profile", "test", cases.toString());

    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).contains("cases[0] needs 'title' and 'expect'");
  }

  @Test
  void shouldExitTwoWhenTheProfilesSurgeSectionIsInvalid() throws Exception {
    String bundled;
    try (var in = ProfileCommandTest.class.getResourceAsStream("/profiles/russia-dprk.yaml")) {
      bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(bundled).contains("\n  k: 3\n");
    Files.writeString(dir.resolve("custom.yaml"), bundled.replace("\n  k: 3\n", "\n  k: -1\n"));
    Path cases = dir.resolve("cases.yaml");
    Files.writeString(
        cases,
        "profile: custom.yaml\ncases:\n  - title: Putin meets Kim\n    expect: {relevant: true}\n");
    StringWriter out = new StringWriter();

    int code = run(out, "profile", "test", cases.toString());

    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).contains("'surge.k' must be zero or more: '-1.0'");
  }

  @Test
  void shouldPrintFiguresPerLanguageAndTheMistakesWithReasonsForLabelledStories() throws Exception {
    Path labelled = AnalyzeCommandTest.resource("/profiles/labelled.jsonl");
    StringWriter out = new StringWriter();

    int code = run(out, "profile", "test", labelled.toString());

    // The orchestra tour is labelled on watch (a deliberate mistake of the labeller) and the
    // culture signal keeps it off: the one misclassified story, a false negative.
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("Labelled stories:")
        .contains("(9, profile russia-dprk)")
        .containsPattern("en +5 +2 +0 +1 +1\\.000 +0\\.667 +0\\.800")
        .containsPattern("ru +2 +1 +0 +0 +1\\.000 +1\\.000 +1\\.000")
        .containsPattern("ko +2 +1 +0 +0 +1\\.000 +1\\.000 +1\\.000")
        .containsPattern("all +9 +4 +0 +1 +1\\.000 +0\\.800 +0\\.889")
        .contains("misclassified (1):")
        .contains("line 5 MISSED en")
        .contains("Russian orchestra tours Pyongyang")
        .contains("signal:culture");
  }

  @Test
  void shouldExitOneWhenLabelledStoriesFallBelowTheMinimumF1() throws Exception {
    Path labelled = AnalyzeCommandTest.resource("/profiles/labelled.jsonl");
    StringWriter out = new StringWriter();

    int code = run(out, "profile", "test", "--min-f1", "0.95", labelled.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("FAILED: F1 0.889 is below 0.950");
  }

  @Test
  void shouldNameTheLineAndExitTwoWhenALabelledFileIsBad() throws Exception {
    Path malformed = dir.resolve("malformed.jsonl");
    Files.writeString(malformed, "{\"title\": \"a\", \"label\": 1}\n\n{\"title\": \"b\", \n");
    Path unlabelled = dir.resolve("unlabelled.jsonl");
    Files.writeString(unlabelled, "{\"title\": \"a\", \"label\": 1}\n{\"title\": \"b\"}\n");
    Path untitled = dir.resolve("untitled.jsonl");
    Files.writeString(untitled, "{\"label\": 2, \"title\": \"\"}\n");

    StringWriter a = new StringWriter();
    StringWriter b = new StringWriter();
    StringWriter c = new StringWriter();
    StringWriter d = new StringWriter();

    assertThat(run(a, "profile", "test", malformed.toString())).isEqualTo(2);
    assertThat(run(b, "profile", "test", unlabelled.toString())).isEqualTo(2);
    assertThat(run(c, "profile", "test", untitled.toString())).isEqualTo(2);
    assertThat(run(d, "profile", "test", dir.resolve("absent.jsonl").toString())).isEqualTo(2);
    assertThat(a.toString()).contains(malformed + ":3: not valid JSON").doesNotContain("at dev.");
    assertThat(b.toString())
        .contains(unlabelled + ":2: needs \"label\" (0 or 1) or \"relevant\" (true or false)")
        .hasLineCount(1);
    assertThat(c.toString()).contains(untitled + ":1: \"title\" is missing");
    assertThat(d.toString()).contains("absent.jsonl: no such file").hasLineCount(1);
  }
}
