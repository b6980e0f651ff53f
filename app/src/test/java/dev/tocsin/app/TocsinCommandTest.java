package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TocsinCommandTest {

  @Test
  void shouldListEveryCommandWhenAskedForHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));

    int code = cli.execute("--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "demo",
            "run",
            "ingest",
            "enrich",
            "alerting",
            "notifier",
            "broker",
            "feeds",
            "extract",
            "replay",
            "analyze",
            "profile");
  }

  @Test
  void shouldBuildOnlyTheSubcommandTheArgumentsName() {
    CommandLine all = TocsinCommand.commandLine();
    assertThat(all.getSubcommands()).hasSize(TocsinCommand.SUBCOMMANDS.size());

    for (String name : all.getSubcommands().keySet()) {
      CommandLine cli = TocsinCommand.commandLine(name, "--help");
      if (name.equals("help")) {
        assertThat(cli.getSubcommands().keySet()).isEqualTo(all.getSubcommands().keySet());
      } else {
        assertThat(cli.getSubcommands().keySet()).as(name).containsExactly(name);
        assertThat(cli.getSubcommands().get(name).getCommandSpec().findOption("--verbose"))
            .as(name)
            .isNotNull();
      }
    }
    for (String first : List.of("--help", "--version", "--verbose", "fedds")) {
      assertThat(TocsinCommand.commandLine(first, "parse").getSubcommands().keySet())
          .as(first)
          .isEqualTo(all.getSubcommands().keySet());
    }
  }

  @Test
  void shouldSuggestTheCommandMeantAfterATypo() {
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine("fedds", "parse");
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("fedds", "parse");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("feeds");
  }

  @Test
  void shouldReadTheConfigFileWhenStartingABroker(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tocsin.yaml");
    Files.writeString(file, "kafka:\n  bootstrapServerz: k1:9092\n");
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("broker", "--config", file.toString(), "--duration", "1s");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("tocsin broker:", "bootstrapServerz", file.toString());
  }

  @Test
  void shouldDeclareEachSharedOptionOnceAndOfferItWhereItIsMixedIn() {
    CommandLine cli = TocsinCommand.commandLine();

    for (String command :
        List.of("run", "ingest", "enrich", "alerting", "notifier", "broker", "demo")) {
      var spec = cli.getSubcommands().get(command).getCommandSpec();
      assertThat(spec.findOption("--config")).as(command).isNotNull();
      assertThat(spec.findOption("--duration")).as(command).isNotNull();
    }
    for (String command : List.of("run", "ingest")) {
      assertThat(cli.getSubcommands().get(command).getCommandSpec().findOption("--feeds"))
          .isNotNull();
    }
    var init = cli.getSubcommands().get("topics").getSubcommands().get("init").getCommandSpec();
    assertThat(init.findOption("--config")).isNotNull();
    assertThat(init.findOption("--bootstrap-servers")).isNotNull();
  }

  @Test
  void shouldOfferTheNotifierAloneAndAlertingWithoutItWhenAskedForTheirUsage() {
    StringWriter notifier = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(notifier));
    assertThat(cli.execute("help", "notifier")).isZero();
    StringWriter alerting = new StringWriter();
    cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(alerting));
    assertThat(cli.execute("help", "alerting")).isZero();

    assertThat(notifier.toString())
        .contains("Usage: tocsin notifier", "tocsin alerting --without-notifier");
    assertThat(alerting.toString()).contains("Usage: tocsin alerting", "--without-notifier");
    var subcommands = cli.getSubcommands();
    assertThat(subcommands.get("alerting").getCommandSpec().findOption("--without-notifier"))
        .isNotNull();
    assertThat(subcommands.get("notifier").getCommandSpec().findOption("--without-notifier"))
        .isNull();
  }

  @Test
  void shouldReadDurationsInShortAndIsoForms() {
    DurationConverter converter = new DurationConverter();

    assertThat(converter.convert("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(converter.convert("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> converter.convert("soon"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("soon");
  }

  @Test
  void shouldExitWithTheMessageBeforeStartingAnythingWhenTheConfigFileIsWrong(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("tocsin.yaml"), "ingest:\n  wrokers: 4\n");
    for (String command : List.of("run", "ingest", "enrich", "alerting", "notifier", "demo")) {
      StringWriter err = new StringWriter();
      CommandLine cli = TocsinCommand.commandLine();
      cli.setErr(new PrintWriter(err));

      int code = cli.execute(command, "--config", file.toString(), "--duration", "1s");

      assertThat(code).as(command).isEqualTo(CommandLine.ExitCode.USAGE);
      assertThat(err.toString())
          .as(command)
          .contains("tocsin " + command + ": ")
          .contains("tocsin.yaml:2: unknown setting 'ingest.wrokers' (TOCSIN_INGEST_WROKERS)");
    }
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("feeds", "list", "--config", file.toString()))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown setting 'ingest.wrokers'");
  }

  @Test
  void shouldExitNamingTheSettingAndValueWhenAFileValueIsBad(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("tocsin.yaml"), "management_address: nowhere\n");
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("run", "--config", file.toString());

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString())
        .contains("management_address (TOCSIN_MANAGEMENT_ADDRESS) must be host:port")
        .contains("'nowhere'");
  }
}
