package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alerting.mute.SilenceStore;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Silence;
import dev.tocsin.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SilenceCommandIT {

  @Test
  void shouldAddListAndExpireSilencesKeepingTheRecord() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "silence-it");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      String bootstrap = broker.bootstrapServers();
      String id =
          run(
                  0,
                  "silence",
                  "add",
                  "--matcher",
                  "level=HIGH",
                  "--matcher",
                  "eventType=~munitions.*",
                  "--duration",
                  "2h",
                  "--author",
                  "duty-officer",
                  "--comment",
                  "known shipment, INC-7",
                  "--bootstrap-servers",
                  bootstrap)
              .out()
              .strip();
      Instant later = Instant.now().plus(Duration.ofDays(1));
      String pendingId =
          run(
                  0,
                  "silence",
                  "add",
                  "-m",
                  "alertKey=cluster:cl-9",
                  "--starts",
                  later.toString(),
                  "--ends",
                  later.plus(Duration.ofHours(1)).toString(),
                  "--author",
                  "duty-officer",
                  "--comment",
                  "maintenance window",
                  "--bootstrap-servers",
                  bootstrap)
              .out()
              .strip();
      assertThat(id).matches("[0-9a-f-]{36}");

      String list = run(0, "silence", "list", "--bootstrap-servers", bootstrap).out();
      assertThat(list)
          .contains("ID", "STATE", "MATCHERS", "AUTHOR", "COMMENT")
          .contains(id, "active", "level=\"HIGH\",eventType=~\"munitions.*\"", "duty-officer")
          .contains("known shipment, INC-7")
          .contains(pendingId, "pending", "2 silences");

      assertThat(run(0, "silence", "expire", id, "--bootstrap-servers", bootstrap).out())
          .contains("Expired " + id);
      assertThat(run(0, "silence", "list", "--bootstrap-servers", bootstrap).out())
          .doesNotContain(id)
          .contains("1 silences");
      assertThat(run(0, "silence", "list", "--all", "--bootstrap-servers", bootstrap).out())
          .contains(id, "expired", "2 silences");
      assertThat(run(1, "silence", "expire", "no-such-id", "--bootstrap-servers", bootstrap).err())
          .contains("No such silence: no-such-id");

      Map<String, Silence> stored =
          new SilenceStore(
                  KafkaSettings.local(bootstrap).clientConfig(),
                  Topics.defaults(),
                  Clock.systemUTC())
              .all();
      assertThat(stored.get(id).getEndsAt()).isBeforeOrEqualTo(Instant.now());
      assertThat(stored.get(id).getComment()).isEqualTo("known shipment, INC-7");

      Result bad =
          run(
              2,
              "silence",
              "add",
              "--matcher",
              "eventType=~munitions([",
              "--duration",
              "1h",
              "--comment",
              "x",
              "--bootstrap-servers",
              bootstrap);
      assertThat(bad.err()).contains("bad regex", "eventType=~\"munitions([\"");
      assertThat(
              run(
                      2,
                      "silence",
                      "add",
                      "--matcher",
                      "level=HIGH",
                      "--duration",
                      "1h",
                      "--bootstrap-servers",
                      bootstrap)
                  .err())
          .contains("--comment");
    }
  }

  private record Result(String out, String err) {}

  private static Result run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(String.join(" ", args) + ": " + err).isEqualTo(expectedExit);
    return new Result(out.toString(), err.toString());
  }
}
