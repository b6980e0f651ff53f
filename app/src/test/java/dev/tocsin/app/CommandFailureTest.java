package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each command of the command line with bad input, or with no Kafka to reach, and checks that
 * it answers in one or two lines that name the problem, with the exit code of its kind of failure
 * and no stack trace.
 */
class CommandFailureTest {

  @TempDir static Path dir;

  /**
   * A config file whose data directory is empty and whose local-pipeline port nobody listens on.
   */
  private static Path noPipeline;

  /** Like {@link #noPipeline}, with loopback feeds allowed as ingest would allow them. */
  private static Path loopbackAllowed;

  private static String closedPort;

  @BeforeAll
  static void writeConfigs() throws IOException {
    closedPort = Integer.toString(EmbeddedKafkaBroker.freePort());
    String common =
        "data_dir: " + dir.resolve("data") + "\nembedded_kafka_port: " + closedPort + "\n";
    noPipeline = Files.writeString(dir.resolve("none.yaml"), common);
    loopbackAllowed =
        Files.writeString(
            dir.resolve("loopback.yaml"), common + "ingest:\n  allowed_addresses: loopback\n");
  }

  static Stream<Arguments> badInput() {
    String none = noPipeline.toString();
    String loopback = loopbackAllowed.toString();
    String missing = dir.resolve("missing.yaml").toString();
    String unreachable = "127.0.0.1:" + closedPort;
    return Stream.of(
        row(2, "Not a URL: 'not a url'", "feeds", "add", "not a url", "--config", none),
        row(2, "Unsupported scheme 'ftp'", "feeds", "add", "ftp://example.org/a.rss"),
        row(2, "No scheme in 'example.org/feed.rss'", "feeds", "add", "example.org/feed.rss"),
        row(2, "No host in 'http:///feed.rss'", "feeds", "add", "http:///feed.rss"),
        row(
            2,
            "169.254.169.254 resolves to the non-public address 169.254.169.254",
            "feeds",
            "add",
            "http://169.254.169.254/latest/meta-data",
            "--config",
            none),
        row(
            2,
            "TOCSIN_INGEST_ALLOWED_ADDRESSES",
            "feeds",
            "add",
            "http://127.0.0.1:8080/feed.rss",
            "--config",
            none),
        row(2, "non-public address 10.1.2.3", "feeds", "add", "http://10.1.2.3/rss"),
        row(2, "non-public address 192.168.1.1", "feeds", "add", "https://192.168.1.1/rss"),
        row(2, "non-public address 0:0:0:0:0:0:0:1", "feeds", "add", "http://[::1]/rss"),
        // Allowed by the same setting as the fetch guard: the URL passes, Kafka is then missing.
        row(
            3,
            "No Kafka configured and no local pipeline answers on " + unreachable,
            "feeds",
            "add",
            "http://127.0.0.1:8080/feed.rss",
            "--config",
            loopback),
        row(2, "Give the feed's URL or --file FILE", "feeds", "add"),
        row(
            2,
            "no notification sink is configured: set TOCSIN_NOTIFY_CONFIG or a sink variable",
            "notifier",
            "--config",
            none),
        row(2, "not both", "feeds", "add", "https://example.org/a.rss", "--file", missing),
        row(2, "Cannot read feed registry " + missing, "feeds", "add", "--file", missing),
        row(2, "'soon'", "feeds", "add", "https://example.org/a.rss", "--interval", "soon"),
        row(2, "Unknown option: '--colour'", "feeds", "add", "--colour", "red"),
        row(2, "Cannot read config file " + missing, "feeds", "list", "--config", missing),
        row(2, "Missing required parameter: 'URL'", "feeds", "remove"),
        row(2, "Unmatched argument", "feeds", "frobnicate"),
        row(
            3,
            "No Kafka configured and no local pipeline answers on " + unreachable,
            "feeds",
            "status",
            "--config",
            none),
        row(
            3,
            "Cannot reach Kafka: nothing answers on " + unreachable,
            "feeds",
            "list",
            "--bootstrap-servers",
            unreachable),
        row(
            3,
            "'nowhere' is not host:port (set by --bootstrap-servers)",
            "feeds",
            "list",
            "--bootstrap-servers",
            "nowhere"),
        row(
            2,
            "--duration must be positive",
            "silence",
            "add",
            "-m",
            "level=HIGH",
            "--duration",
            "-1h",
            "--comment",
            "c",
            "--author",
            "a"),
        row(
            2,
            "Invalid value for option '--matcher'",
            "silence",
            "add",
            "-m",
            "eventType=~(",
            "--duration",
            "1h",
            "--comment",
            "c"),
        row(2, "Missing required option: '--comment=<comment>'", "silence", "add", "-m", "a=b"),
        row(2, "is not an ISO-8601 instant", "silence", "add", "-m", "a=b", "--ends", "tomorrow"),
        row(
            2,
            "A silence must end in the future",
            "silence",
            "add",
            "-m",
            "a=b",
            "--ends",
            "2020-01-01T00:00:00Z",
            "--comment",
            "c",
            "--config",
            none),
        row(2, "Missing required parameter: 'ID'", "silence", "expire"),
        row(
            3,
            "No Kafka configured and no local pipeline answers on " + unreachable,
            "silence",
            "list",
            "--config",
            none),
        row(
            3,
            "Cannot reach Kafka: nothing answers on " + unreachable,
            "topics",
            "init",
            "--bootstrap-servers",
            unreachable),
        row(
            3,
            "No Kafka configured and no local pipeline answers on " + unreachable,
            "topics",
            "describe",
            "--config",
            none),
        row(
            2,
            "--into must be lower-case letters",
            "replay",
            "--from",
            "2026-11-20T00:00:00Z",
            "--into",
            "Bad Name"),
        row(2, "port 9093 is reserved for Alertmanager", "broker", "--port", "9093"),
        row(2, "Cannot read config file " + missing, "run", "--config", missing),
        row(2, "Invalid value for option '--duration'", "demo", "--duration", "forever"),
        row(2, "missing.yaml: no such file", "extract", missing),
        row(4, "unknown host page.invalid", "extract", "https://page.invalid/article"),
        row(2, "Unmatched argument at index 0: 'frobnicate'", "frobnicate"));
  }

  private static Arguments row(int exitCode, String message, String... args) {
    return Arguments.of(exitCode, message, List.of(args));
  }

  @ParameterizedTest(name = "{2} -> {0}")
  @MethodSource("badInput")
  void shouldNameTheProblemInAFewLinesAndExitWithItsCodeWhenInputIsBad(
      int exitCode, String message, List<String> args) {
    Result result = run(args);

    assertThat(result.code).as("exit code").isEqualTo(exitCode);
    assertThat(result.err).contains(message).doesNotContain("\tat ", "Exception");
    assertThat(result.err.lines().count()).as("lines of:%n%s", result.err).isBetween(1L, 2L);
  }

  @Test
  void shouldPrintTheStackTraceTooWhenVerbose() {
    Result result = run(List.of("feeds", "add", "not a url", "--verbose"));

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("Not a URL: 'not a url'", "\tat ", "URISyntaxException");
  }

  @Test
  void shouldExitWithTheInternalCodeAndAHintWhenTheFailureIsUnexpected() {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = TocsinCommand.commandLine();
    cli.setErr(new PrintWriter(err));

    int code =
        TocsinCommand.executionFailed(
            new IllegalStateException("broken invariant"), cli, cli.parseArgs());

    assertThat(code).isEqualTo(5);
    assertThat(err.toString())
        .contains("tocsin: unexpected error: java.lang.IllegalStateException: broken invariant")
        .contains("--verbose");
  }

  private record Result(int code, String err) {}

  private static Result run(List<String> args) {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = TocsinCommand.commandLine(args.toArray(String[]::new));
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Result(code, err.toString());
  }
}
