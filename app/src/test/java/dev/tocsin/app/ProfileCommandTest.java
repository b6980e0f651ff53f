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
}
